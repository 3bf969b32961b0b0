package dev.portico.config.service;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** portal-user-service's side of a user type's deletion, called with the deleting admin's token. */
@RegisterRestClient(configKey = "portal-users")
@Path("/api/v1/portals/{portalId}/user-types/{typeId}/retirement")
public interface PortalUserServiceClient {

    @PUT
    @Operation(hidden = true, operationId = "usersClient.retireUserType")
    void retire(@HeaderParam("Authorization") String authorization, @PathParam("portalId") String portalId,
            @PathParam("typeId") String typeId, @QueryParam("transferTo") String transferTo);

    @DELETE
    @Operation(hidden = true, operationId = "usersClient.reinstateUserType")
    void reinstate(@HeaderParam("Authorization") String authorization, @PathParam("portalId") String portalId,
            @PathParam("typeId") String typeId);
}
