package dev.portico.users.rest;

import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Scopes;
import dev.portico.kit.security.Tenant;
import dev.portico.users.service.UserTypeRetirements;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Between services, not part of the public API (the gateway routes this path to portal-config-service): the step
 * of a user type's deletion that belongs here ({@link UserTypeRetirements}). Called by portal-config-service with
 * the deleting admin's token.
 */
@Path("/portals/{portalId}/user-types/{typeId}/retirement")
@RequiresScope(Scopes.PORTAL_CONFIG)
public class UserTypeRetirementResource {

    @Inject
    Tenant tenant;

    @Inject
    UserTypeRetirements retirements;

    @PUT
    @Operation(hidden = true, operationId = "retireUserType")
    public void retire(@PathParam("portalId") UUID portalId, @PathParam("typeId") UUID typeId,
            @QueryParam("transferTo") UUID transferTo) {
        retirements.retire(tenant.orgId(), portalId, typeId, transferTo);
    }

    @DELETE
    @Operation(hidden = true, operationId = "reinstateUserType")
    public void reinstate(@PathParam("portalId") UUID portalId, @PathParam("typeId") UUID typeId) {
        retirements.reinstate(tenant.orgId(), portalId, typeId);
    }
}
