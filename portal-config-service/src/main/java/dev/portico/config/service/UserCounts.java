package dev.portico.config.service;

import dev.portico.config.domain.UserTypeRepository;
import dev.portico.events.UserEvent;
import dev.portico.kit.messaging.PoisonMessageException;
import dev.portico.kit.messaging.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Applies a user event to the user counts of the types it names, once per event id. A type is only ever
 * counted within the event's org: an event naming another org's user type changes nothing.
 */
@ApplicationScoped
public class UserCounts {

    static final String CONSUMER = "portal-config.user-counts";

    @Inject
    UserTypeRepository userTypes;

    @Inject
    ProcessedEvents processed;

    @Transactional
    public void apply(UserEvent event) {
        applyAll(List.of(event));
    }

    /**
     * A batch of events: each applied once, their changes summed per user type, and one update per type (in id
     * order, so concurrent batches do not deadlock) instead of two statements per event.
     */
    @Transactional
    public void applyAll(List<UserEvent> batch) {
        for (UserEvent event : batch) {
            if (event.type() == null) {
                throw new PoisonMessageException("user event " + event.eventId() + " without a type");
            }
        }
        Map<Type, Long> deltas = new TreeMap<>();
        for (UserEvent event : processed.firstDeliveries(CONSUMER, batch, UserEvent::eventId)) {
            switch (event.type()) {
                case CREATED -> add(deltas, event.orgId(), event.userTypeId(), 1);
                case REMOVED -> add(deltas, event.orgId(), event.userTypeId(), -1);
                case TYPE_CHANGED -> {
                    add(deltas, event.orgId(), event.previousUserTypeId(), -1);
                    add(deltas, event.orgId(), event.userTypeId(), 1);
                }
                default -> {
                    // confirmation and (de)activation keep the user's type
                }
            }
        }
        deltas.forEach((type, delta) -> {
            if (delta != 0) {
                userTypes.addUsers(type.orgId(), type.id(), delta);
            }
        });
    }

    /** A user type of an org, ordered by id. */
    private record Type(UUID id, String orgId) implements Comparable<Type> {

        @Override
        public int compareTo(Type other) {
            int byId = id.compareTo(other.id);
            return byId != 0 ? byId : orgId.compareTo(other.orgId);
        }
    }

    private static void add(Map<Type, Long> deltas, String orgId, String userTypeId, long delta) {
        if (userTypeId != null) {
            deltas.merge(new Type(parse(userTypeId), orgId), delta, Long::sum);
        }
    }

    private static UUID parse(String userTypeId) {
        try {
            return UUID.fromString(userTypeId);
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("user type id is not a UUID: " + userTypeId, e);
        }
    }
}
