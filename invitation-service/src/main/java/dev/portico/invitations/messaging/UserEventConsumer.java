package dev.portico.invitations.messaging;

import dev.portico.events.UserEvent;
import dev.portico.invitations.service.Revocations;
import dev.portico.kit.messaging.EventConsumer;
import dev.portico.kit.messaging.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A removed or deactivated portal user's open invitations are revoked: their links stop working. An acceptance
 * that overtook the event (the link used in the moment before it arrived) is withdrawn.
 */
@ApplicationScoped
public class UserEventConsumer {

    static final String CONSUMER = "invitation-user-events";

    @Inject
    EventConsumer consumer;

    @Inject
    ProcessedEvents processed;

    @Inject
    Revocations revocations;

    @Inject
    Clock clock;

    @Incoming("user-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consumeBatch(records, UserEvent.class, batch -> {
            Instant now = Instant.now(clock);
            for (UserEvent event : batch) {
                if ((event.type() == UserEvent.Type.REMOVED || event.type() == UserEvent.Type.DEACTIVATED)
                        && event.userId() != null && processed.firstDelivery(CONSUMER, event.eventId())) {
                    UUID userId = UUID.fromString(event.userId());
                    revocations.revokeOpen(event.orgId(), userId, now);
                    if (event.occurredAt() != null) {
                        revocations.withdrawOvertaken(event.orgId(), userId, event.occurredAt(), now);
                    }
                }
            }
        });
    }
}
