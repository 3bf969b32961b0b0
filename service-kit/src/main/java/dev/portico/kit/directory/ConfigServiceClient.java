package dev.portico.kit.directory;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * portal-config-service's read endpoints, called with the caller's own token when the directory misses. A client,
 * not an API of this service: its operations are hidden from the service's OpenAPI.
 */
@RegisterRestClient(configKey = "portal-config")
@Path("/api/v1")
public interface ConfigServiceClient {

    @GET
    @Path("/org")
    @Operation(hidden = true, operationId = "configClient.readOrg")
    JsonNode org(@HeaderParam("Authorization") String authorization);

    @GET
    @Path("/portals/{portalId}")
    @Operation(hidden = true, operationId = "configClient.readPortal")
    JsonNode portal(@HeaderParam("Authorization") String authorization, @PathParam("portalId") String portalId);

    @GET
    @Path("/modules/{module}")
    @Operation(hidden = true, operationId = "configClient.readModule")
    JsonNode module(@HeaderParam("Authorization") String authorization, @PathParam("module") String module);

    @GET
    @Path("/portals/{portalId}/user-types/{typeId}")
    @Operation(hidden = true, operationId = "configClient.readUserType")
    JsonNode userType(@HeaderParam("Authorization") String authorization, @PathParam("portalId") String portalId,
            @PathParam("typeId") String typeId);
}
