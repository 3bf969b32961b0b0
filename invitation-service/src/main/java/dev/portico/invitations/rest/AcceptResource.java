package dev.portico.invitations.rest;

import dev.portico.invitations.service.AcceptService;
import dev.portico.kit.problem.Problem;
import dev.portico.kit.security.PublicEndpoint;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/invitations/accept")
@Tag(name = ApiTags.ACCEPTANCE, description = "The invitee accepts with the token from the mail's link; no login")
@PublicEndpoint
public class AcceptResource {

    @Inject
    AcceptService acceptance;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "acceptInvitation", summary = "Accept an invitation",
            description = "Single use: the portal user becomes CONFIRMED (an ACCEPTED event). The answer says where "
                    + "to go next and never whether any other e-mail address is known.")
    @APIResponse(responseCode = "200", description = "Accepted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AcceptResponse.class)))
    @APIResponse(responseCode = "404", description = "INVITATION_NOT_FOUND (unknown or malformed token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "INVITATION_ALREADY_ACCEPTED, PORTAL_UNAVAILABLE (the portal is disabled; the link works again once it is enabled)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "INVITATION_EXPIRED, INVITATION_REVOKED (replaced by a newer "
            + "invitation, the user removed or deactivated, or the portal deleted)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AcceptResponse accept(@RequestBody(content = @Content(examples = @ExampleObject(name = "token", value = """
            {"token": "Jm8u0yPz3Q8m5T2wqYxq0w9b7x3F1r8N2k4L6p0s9dA"}"""))) @Valid @NotNull AcceptRequest request) {
        return AcceptResponse.from(acceptance.accept(request.token()));
    }
}
