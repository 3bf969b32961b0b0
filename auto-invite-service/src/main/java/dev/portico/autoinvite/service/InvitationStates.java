package dev.portico.autoinvite.service;

import dev.portico.autoinvite.domain.FailureLog;
import dev.portico.autoinvite.domain.RecordStates;
import dev.portico.events.FailureReason;
import dev.portico.events.InvitationEvent;
import dev.portico.events.InviteSource;
import dev.portico.events.UserEvent;
import dev.portico.kit.messaging.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps {@code record_state} from what the other services report, and logs failed auto-invites. A record becomes
 * USER when its invitation is sent (or accepted, or expired unconfirmed) or it appears as a user; it may be
 * requested again once its invitation failed (other than ALREADY_PORTAL_USER) or its user was removed.
 */
@ApplicationScoped
public class InvitationStates {

    static final String USERS_CONSUMER = "auto-invite-user-events";
    static final String OUTCOMES_CONSUMER = "auto-invite-invitation-events";

    @Inject
    ProcessedEvents processed;

    @Inject
    RecordStates states;

    @Inject
    FailureLog failures;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void users(List<UserEvent> batch) {
        List<UserEvent> relevant = batch.stream().filter(e -> uuid(e.portalId()) != null && e.recordId() != null
                && e.type() != null).toList();
        for (UserEvent event : processed.firstDeliveries(USERS_CONSUMER, relevant, UserEvent::eventId)) {
            UUID portalId = uuid(event.portalId());
            if (event.type() == UserEvent.Type.REMOVED) {
                states.clear(event.orgId(), portalId, event.recordId());
            } else {
                states.set(event.orgId(), portalId, event.recordId(), RecordStates.State.USER, at(event.occurredAt()));
            }
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void outcomes(List<InvitationEvent> batch) {
        List<InvitationEvent> relevant = batch.stream().filter(e -> uuid(e.portalId()) != null
                && e.recordId() != null && e.type() != null).toList();
        for (InvitationEvent event : processed.firstDeliveries(OUTCOMES_CONSUMER, relevant, InvitationEvent::eventId)) {
            UUID portalId = uuid(event.portalId());
            Instant at = at(event.occurredAt());
            if (event.type() != InvitationEvent.Type.FAILED) {
                states.set(event.orgId(), portalId, event.recordId(), RecordStates.State.USER, at);
                continue;
            }
            if (event.reason() == FailureReason.ALREADY_PORTAL_USER) {
                states.set(event.orgId(), portalId, event.recordId(), RecordStates.State.USER, at);
            } else {
                states.clear(event.orgId(), portalId, event.recordId());
            }
            UUID configId = uuid(event.configId());
            if (event.source() == InviteSource.AUTO && configId != null) {
                FailureReason reason = event.reason() == null ? FailureReason.DELIVERY_FAILED : event.reason();
                failures.record(event.orgId(), portalId, configId, event.recordId(), reason.name(), event.name(),
                        event.email(), event.message() == null ? reason.defaultMessage() : event.message(), at);
            }
        }
    }

    private Instant at(Instant occurredAt) {
        return occurredAt == null ? Instant.now(clock) : occurredAt;
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
