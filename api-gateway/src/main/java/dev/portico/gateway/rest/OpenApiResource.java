package dev.portico.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.gateway.openapi.MergedOpenApi;
import dev.portico.kit.security.PublicEndpoint;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/openapi.json")
@Tag(name = "API description")
@PublicEndpoint
public class OpenApiResource {

    @Inject
    MergedOpenApi openApi;

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(operationId = "getOpenApiDocument", summary = "The OpenAPI document of the whole Portico API (all services, through this gateway)")
    public ObjectNode document(@Context HttpServerRequest request) {
        return openApi.document(request.localAddress().port());
    }
}
