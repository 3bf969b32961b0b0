package dev.portico.autoinvite.messaging;

import dev.portico.autoinvite.service.PortalChanges;
import dev.portico.events.ConfigEvent;
import dev.portico.kit.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code portal.config-events} → configurations of deleted portals and user types (its own consumer group, next
 * to the kit's config directory reading the same topic).
 */
@ApplicationScoped
public class PortalChangeConsumer {

    @Inject
    EventConsumer consumer;

    @Inject
    PortalChanges changes;

    @Incoming("portal-changes")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        consumer.consume(record, ConfigEvent.class, changes::apply);
    }
}
