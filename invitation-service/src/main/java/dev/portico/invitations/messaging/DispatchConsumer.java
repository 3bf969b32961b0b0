package dev.portico.invitations.messaging;

import dev.portico.events.InvitationDispatch;
import dev.portico.invitations.service.DispatchService;
import dev.portico.invitations.service.MailDelivery;
import dev.portico.kit.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code portal.invitation-dispatch} in batches: each batch becomes invitations in one transaction
 * (deduplicated by dispatch event id), and the delivery worker is woken once it commits.
 */
@ApplicationScoped
public class DispatchConsumer {

    @Inject
    EventConsumer consumer;

    @Inject
    DispatchService dispatches;

    @Inject
    MailDelivery delivery;

    @Incoming("invitation-dispatch")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consumeBatch(records, InvitationDispatch.class, batch -> {
            if (dispatches.apply(batch) > 0) {
                delivery.wakeAfterCommit();
            }
        });
    }
}
