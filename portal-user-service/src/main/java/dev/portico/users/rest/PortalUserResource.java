package dev.portico.users.rest;

import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Scopes;
import dev.portico.kit.security.Tenant;
import dev.portico.users.domain.PortalUserRepository;
import dev.portico.users.domain.PortalUserRepository.UserCounts;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/portals/{portalId}/users")
@Tag(name = "Portal users")
@RequiresScope(Scopes.PORTAL_USERS)
public class PortalUserResource {

    @Inject
    Tenant tenant;

    @Inject
    PortalUserRepository users;

    @GET
    @Path("/counts")
    @Operation(summary = "How many users the portal has in each state",
            description = "`all` = `active` + `deactivated`; `active` = `confirmed` + `unconfirmed`.")
    public UserCounts counts(@PathParam("portalId") UUID portalId) {
        return users.counts(tenant.orgId(), portalId);
    }
}
