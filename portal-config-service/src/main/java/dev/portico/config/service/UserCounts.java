package dev.portico.config.service;

import dev.portico.config.domain.UserTypeRepository;
import dev.portico.events.UserEvent;
import dev.portico.kit.messaging.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** Applies a user event to the user counts of the types it names, once per event id. */
@ApplicationScoped
public class UserCounts {

    static final String CONSUMER = "portal-config.user-counts";

    @Inject
    UserTypeRepository userTypes;

    @Inject
    ProcessedEvents processed;

    @Transactional
    public void apply(UserEvent event) {
        if (!processed.firstDelivery(CONSUMER, event.eventId())) {
            return;
        }
        switch (event.type()) {
            case CREATED -> add(event.userTypeId(), 1);
            case REMOVED -> add(event.userTypeId(), -1);
            case TYPE_CHANGED -> {
                add(event.previousUserTypeId(), -1);
                add(event.userTypeId(), 1);
            }
            default -> {
                // confirmation and (de)activation keep the user's type
            }
        }
    }

    private void add(String userTypeId, long delta) {
        if (userTypeId != null) {
            userTypes.addUsers(UUID.fromString(userTypeId), delta);
        }
    }
}
