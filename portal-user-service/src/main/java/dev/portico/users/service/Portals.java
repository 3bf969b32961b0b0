package dev.portico.users.service;

import dev.portico.events.ConfigEvent;
import dev.portico.kit.directory.ConfigDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** The portal facts this service needs, from the config directory. */
@ApplicationScoped
public class Portals {

    @Inject
    ConfigDirectory directory;

    /** The caller's portal, or 404 PORTAL_NOT_FOUND (another org's portal included). */
    public ConfigEvent.Portal require(String orgId, UUID portalId) {
        return directory.portal(orgId, portalId).orElseThrow(UserProblems::portalNotFound);
    }

    public Optional<ConfigEvent.Portal> find(String orgId, UUID portalId) {
        return directory.portal(orgId, portalId);
    }

    public Optional<ConfigEvent.UserType> userType(String orgId, UUID portalId, UUID typeId) {
        return directory.userType(orgId, portalId, typeId);
    }

    public static boolean available(ConfigEvent.Portal portal) {
        return "ACTIVE".equals(portal.status());
    }

    /** Users a portal of the org may have (trial: 10); null when unlimited. */
    public Integer seatLimit(String orgId) {
        return directory.org(orgId).map(ConfigEvent.Org::limits).map(ConfigEvent.Limits::usersPerPortal).orElse(null);
    }
}
