package dev.portico.users.messaging;

import dev.portico.events.InvitationEvent;
import dev.portico.kit.messaging.EventConsumer;
import dev.portico.users.service.InvitationOutcomes;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code portal.invitation-events} → users and job items, a poll's batch per transaction. */
@ApplicationScoped
public class InvitationEventConsumer {

    @Inject
    EventConsumer consumer;

    @Inject
    InvitationOutcomes outcomes;

    @Incoming("invitation-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consumeBatch(records, InvitationEvent.class, outcomes::apply);
    }
}
