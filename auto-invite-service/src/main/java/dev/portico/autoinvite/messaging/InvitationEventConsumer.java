package dev.portico.autoinvite.messaging;

import dev.portico.autoinvite.service.InvitationStates;
import dev.portico.events.InvitationEvent;
import dev.portico.kit.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code portal.invitation-events} → invitations in flight settle; failed auto-invites are logged. */
@ApplicationScoped
public class InvitationEventConsumer {

    @Inject
    EventConsumer consumer;

    @Inject
    InvitationStates states;

    @Incoming("invitation-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consumeBatch(records, InvitationEvent.class, states::outcomes);
    }
}
