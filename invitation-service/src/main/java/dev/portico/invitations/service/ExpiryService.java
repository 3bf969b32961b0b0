package dev.portico.invitations.service;

import dev.portico.events.InvitationEvent;
import dev.portico.invitations.config.InvitationConfig;
import dev.portico.invitations.domain.Invitation;
import dev.portico.invitations.domain.InvitationRepository;
import dev.portico.invitations.messaging.InvitationEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Marks sent invitations past their expiry EXPIRED and emits EXPIRED, in bounded batches of rows locked
 * {@code FOR UPDATE SKIP LOCKED} (replicas share the work; an acceptance in progress keeps its row).
 */
@ApplicationScoped
public class ExpiryService {

    @Inject
    InvitationRepository invitations;

    @Inject
    InvitationEvents events;

    @Inject
    InvitationConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${portico.invitations.expiry.every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        while (expireBatch() == config.expiry().batchSize()) {
            // a full batch: more may be due
        }
    }

    /** Expires one batch in its own transaction; returns how many. */
    public int expireBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now(clock);
            List<Invitation> due = invitations.dueForExpiry(now, config.expiry().batchSize());
            for (Invitation i : due) {
                i.status = Invitation.Status.EXPIRED;
                i.expiredAt = now;
                events.publish(InvitationEvent.Type.EXPIRED, i, now);
            }
            return due.size();
        });
    }
}
