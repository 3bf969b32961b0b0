package dev.portico.users.service;

import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import dev.portico.users.domain.PortalUser;
import dev.portico.users.domain.PortalUserRepository;
import dev.portico.users.domain.UserFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** The users of a portal, as the admin console lists and counts them. */
@ApplicationScoped
public class PortalUserService {

    @Inject
    PortalUserRepository users;

    @Inject
    Portals portals;

    @Transactional
    public Page<PortalUser> list(String orgId, UUID portalId, UserFilter filter, PortalUserRepository.Sort sort,
            boolean descending, PageRequest page) {
        portals.require(orgId, portalId);
        return users.page(orgId, portalId, filter, sort, descending, page);
    }

    @Transactional
    public PortalUserRepository.Counts counts(String orgId, UUID portalId) {
        portals.require(orgId, portalId);
        return users.counts(orgId, portalId);
    }

    @Transactional
    public PortalUser get(String orgId, UUID portalId, UUID userId) {
        portals.require(orgId, portalId);
        return users.find(orgId, portalId, userId)
                .filter(u -> u.invitedAt() != null || u.confirmed())
                .orElseThrow(UserProblems::userNotFound);
    }
}
