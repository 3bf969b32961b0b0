package dev.portico.kit.directory;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** portal-config-service's read endpoints, called with the caller's own token when the directory misses. */
@RegisterRestClient(configKey = "portal-config")
@Path("/api/v1")
public interface ConfigServiceClient {

    @GET
    @Path("/org")
    JsonNode org(@HeaderParam("Authorization") String authorization);

    @GET
    @Path("/portals/{portalId}")
    JsonNode portal(@HeaderParam("Authorization") String authorization, @PathParam("portalId") String portalId);

    @GET
    @Path("/modules/{module}")
    JsonNode module(@HeaderParam("Authorization") String authorization, @PathParam("module") String module);

    @GET
    @Path("/portals/{portalId}/user-types/{typeId}")
    JsonNode userType(@HeaderParam("Authorization") String authorization, @PathParam("portalId") String portalId,
            @PathParam("typeId") String typeId);
}
