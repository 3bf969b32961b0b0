package dev.portico.config.service;

import dev.portico.config.domain.UserTypeRepository;
import dev.portico.events.UserEvent;
import dev.portico.kit.messaging.PoisonMessageException;
import dev.portico.kit.messaging.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
        if (event.type() == null) {
            throw new PoisonMessageException("user event " + event.eventId() + " without a type");
        }
        if (!processed.firstDelivery(CONSUMER, event.eventId())) {
            return;
        }
        switch (event.type()) {
            case CREATED -> add(event.orgId(), event.userTypeId(), 1);
            case REMOVED -> add(event.orgId(), event.userTypeId(), -1);
            case TYPE_CHANGED -> {
                add(event.orgId(), event.previousUserTypeId(), -1);
                add(event.orgId(), event.userTypeId(), 1);
            }
            default -> {
                // confirmation and (de)activation keep the user's type
            }
        }
    }

    private void add(String orgId, String userTypeId, long delta) {
        if (userTypeId != null) {
            userTypes.addUsers(orgId, parse(userTypeId), delta);
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
