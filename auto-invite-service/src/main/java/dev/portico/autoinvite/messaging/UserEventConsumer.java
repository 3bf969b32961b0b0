package dev.portico.autoinvite.messaging;

import dev.portico.autoinvite.service.InvitationStates;
import dev.portico.events.UserEvent;
import dev.portico.kit.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code portal.user-events} → which records are portal users. */
@ApplicationScoped
public class UserEventConsumer {

    @Inject
    EventConsumer consumer;

    @Inject
    InvitationStates states;

    @Incoming("user-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consumeBatch(records, UserEvent.class, states::users);
    }
}
