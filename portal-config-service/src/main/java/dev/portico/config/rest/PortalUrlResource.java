package dev.portico.config.rest;

import dev.portico.config.service.PortalService;
import dev.portico.kit.problem.Problem;
import dev.portico.kit.security.PublicEndpoint;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/portal-urls")
@Tag(name = ApiTags.PORTALS)
@PublicEndpoint
public class PortalUrlResource {

    @Inject
    PortalService portals;

    @GET
    @Path("/{slug}")
    @SecurityRequirements
    @Operation(operationId = "resolvePortalUrl", summary = "Resolve a portal address (current or old slug) to the portal",
            description = "Public: portal front ends call it to find their portal. `alias` is true for an old slug; "
                    + "redirect to `url`.")
    @APIResponse(responseCode = "200", description = "The portal the address names")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PortalUrlResponse resolve(@PathParam("slug") String slug) {
        return PortalUrlResponse.from(portals.resolve(slug));
    }
}
