package dev.portico.users.service;

import dev.portico.events.UserEvent;
import dev.portico.kit.problem.ProblemException;
import dev.portico.users.domain.PortalUser;
import dev.portico.users.domain.PortalUserRepository;
import dev.portico.users.domain.RetiredUserTypes;
import dev.portico.users.messaging.PortalUserEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * portal-config-service deletes a user type only once this service has retired it: here, where the users are, the
 * check that the type has none (or the move of its users to {@code transferTo}) and the mark that keeps every later
 * invite and type change out of it happen in one transaction, ordered against those by the type's lock
 * ({@link RetiredUserTypes}). So a job moving users into a type being deleted either finished first (and the
 * deletion is refused, or moves them on) or has its remaining items fail USER_TYPE_NOT_FOUND: no user is left in a
 * type that no longer exists.
 */
@ApplicationScoped
public class UserTypeRetirements {

    @Inject
    Portals portals;

    @Inject
    RetiredUserTypes retired;

    @Inject
    PortalUserRepository users;

    @Inject
    PortalUserEvents events;

    @Inject
    Clock clock;

    @Transactional
    public void retire(String orgId, UUID portalId, UUID userTypeId, UUID transferTo) {
        portals.require(orgId, portalId);
        if (portals.userType(orgId, portalId, userTypeId).isEmpty()) {
            throw ProblemException.notFound(UserProblems.USER_TYPE_NOT_FOUND, "No such user type in this portal.");
        }
        retired.lockForRetirement(userTypeId);
        List<PortalUser> members = users.lockOfType(orgId, portalId, userTypeId);
        Instant now = Instant.now(clock);
        if (!members.isEmpty()) {
            if (transferTo == null) {
                throw ProblemException.conflict("USER_TYPE_IN_USE", "The user type has " + members.size()
                        + " users (invitations on their way included); name another type in ?transferTo= to move "
                        + "them there first.");
            }
            if (transferTo.equals(userTypeId) || portals.userType(orgId, portalId, transferTo).isEmpty()
                    || retired.retired(transferTo)) {
                throw ProblemException.invalid(UserProblems.USER_TYPE_NOT_FOUND, "transferTo",
                        "is not another user type of this portal");
            }
            List<PortalUser> moved = new ArrayList<>(members.size());
            for (PortalUser user : members) {
                PortalUser after = user.change(u -> u.userTypeId = transferTo, now);
                moved.add(after);
                events.user(UserEvent.Type.TYPE_CHANGED, after, userTypeId, now);
            }
            users.updateAll(moved);
        }
        retired.retire(orgId, portalId, userTypeId, now);
    }

    /** The deletion the retirement was for did not happen: the type takes users again. */
    @Transactional
    public void reinstate(String orgId, UUID portalId, UUID userTypeId) {
        portals.require(orgId, portalId);
        retired.reinstate(orgId, userTypeId);
    }
}
