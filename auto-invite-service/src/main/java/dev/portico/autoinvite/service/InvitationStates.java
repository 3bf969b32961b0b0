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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@code record_state} from what the other services report, and logs failed auto-invites. A record becomes
 * USER when its invitation is sent (or accepted, or expired unconfirmed) or it appears as a user; it may be
 * requested again once its invitation failed (other than ALREADY_PORTAL_USER or ALREADY_CONFIRMED) or its user
 * was removed.
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

    /**
     * A batch of user events: per record only its last event counts (applied in order, the last one decides), so
     * the batch is one statement for the records that are users and one for those that may be invited again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void users(List<UserEvent> batch) {
        List<UserEvent> relevant = batch.stream().filter(e -> uuid(e.portalId()) != null && e.recordId() != null
                && e.type() != null).toList();
        Outcomes outcomes = new Outcomes();
        for (UserEvent event : processed.firstDeliveries(USERS_CONSUMER, relevant, UserEvent::eventId)) {
            RecordStates.Key key = new RecordStates.Key(event.orgId(), uuid(event.portalId()), event.recordId());
            if (event.type() == UserEvent.Type.REMOVED) {
                outcomes.clear(key);
            } else {
                outcomes.user(key, at(event.occurredAt()));
            }
        }
        outcomes.apply(states);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void outcomes(List<InvitationEvent> batch) {
        List<InvitationEvent> relevant = batch.stream().filter(e -> uuid(e.portalId()) != null
                && e.recordId() != null && e.type() != null).toList();
        Outcomes outcomes = new Outcomes();
        List<FailureLog.Failure> failed = new ArrayList<>();
        for (InvitationEvent event : processed.firstDeliveries(OUTCOMES_CONSUMER, relevant, InvitationEvent::eventId)) {
            UUID portalId = uuid(event.portalId());
            RecordStates.Key key = new RecordStates.Key(event.orgId(), portalId, event.recordId());
            Instant at = at(event.occurredAt());
            if (event.type() != InvitationEvent.Type.FAILED || event.reason() == FailureReason.ALREADY_PORTAL_USER
                    || event.reason() == FailureReason.ALREADY_CONFIRMED) {
                outcomes.user(key, at);
            } else {
                outcomes.clear(key);
            }
            UUID configId = uuid(event.configId());
            if (event.type() == InvitationEvent.Type.FAILED && event.source() == InviteSource.AUTO && configId != null) {
                FailureReason reason = event.reason() == null ? FailureReason.DELIVERY_FAILED : event.reason();
                failed.add(new FailureLog.Failure(event.orgId(), portalId, configId, event.recordId(), reason.name(),
                        event.name(), event.email(), event.message() == null ? reason.defaultMessage() : event.message(),
                        at));
            }
        }
        outcomes.apply(states);
        failures.recordAll(failed);
    }

    /** What a batch leaves of each record's state: USER (since when) or cleared; the later event wins. */
    private static final class Outcomes {

        private final Map<RecordStates.Key, Instant> users = new LinkedHashMap<>();
        private final Set<RecordStates.Key> cleared = new LinkedHashSet<>();

        void user(RecordStates.Key key, Instant at) {
            cleared.remove(key);
            users.put(key, at);
        }

        void clear(RecordStates.Key key) {
            users.remove(key);
            cleared.add(key);
        }

        void apply(RecordStates states) {
            states.users(users);
            states.clearAll(cleared);
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
