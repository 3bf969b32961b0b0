package dev.portico.kit.directory;

import dev.portico.events.ConfigEvent;
import dev.portico.kit.messaging.EventConsumer;
import dev.portico.kit.messaging.ProcessedEvents;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the {@link ConfigDirectory} of a service that sets {@code portico.kit.config-directory.enabled=true}
 * (and configures the {@code config-events} channel, see the kit README).
 */
@ApplicationScoped
@IfBuildProperty(name = "portico.kit.config-directory.enabled", stringValue = "true")
public class ConfigEventsConsumer {

    static final String CONSUMER = "config-directory";

    @Inject
    EventConsumer consumer;

    @Inject
    ProcessedEvents processed;

    @Inject
    ConfigDirectory directory;

    @Incoming("config-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, ConfigEvent.class, event -> {
            if (processed.firstDelivery(CONSUMER, event.eventId())) {
                directory.apply(event);
            }
        });
    }
}
