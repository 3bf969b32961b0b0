package dev.portico.invitations.rest;

import dev.portico.events.InviteSource;
import dev.portico.invitations.domain.Invitation;
import dev.portico.invitations.domain.InvitationRepository;
import dev.portico.invitations.service.InvitationLog;
import dev.portico.kit.problem.FieldError;
import dev.portico.kit.problem.Problem;
import dev.portico.kit.problem.ProblemCodes;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Scopes;
import dev.portico.kit.security.Tenant;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import dev.portico.kit.web.Params;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/portals/{portalId}/invitations")
@Tag(name = ApiTags.INVITATIONS, description = "The invitation log: every invitation sent or attempted")
@RequiresScope(Scopes.PORTAL_USERS)
public class InvitationResource {

    @Inject
    Tenant tenant;

    @Inject
    InvitationLog log;

    @GET
    @Operation(operationId = "listInvitations", summary = "The portal's invitation log, newest first",
            description = "Filter by `status`, `source` (MANUAL, BULK, AUTO), `recordId` and creation time "
                    + "(`from` inclusive, `to` exclusive, ISO-8601 instants); failed ones carry `reason` and `message`.")
    @APIResponse(responseCode = "200", description = "A page of invitations")
    @APIResponse(responseCode = "400", description = "INVALID_VALUE (a filter that does not parse)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND (also for another org's portal)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<InvitationResponse> log(@PathParam("portalId") UUID portalId,
            @QueryParam("status") @Parameter(description = "pending, sent, failed, accepted, expired, revoked") String status,
            @QueryParam("source") String source,
            @QueryParam("recordId") String recordId,
            @QueryParam("from") @Parameter(example = "2026-11-01T00:00:00Z") String from,
            @QueryParam("to") @Parameter(example = "2026-12-01T00:00:00Z") String to,
            @BeanParam @Valid PageRequest page) {
        Invitation.Status statusFilter = Params.enumValue(Invitation.Status.class, status, "status");
        InviteSource sourceFilter = Params.enumValue(InviteSource.class, source, "source");
        InvitationRepository.LogFilter filter = new InvitationRepository.LogFilter(statusFilter,
                sourceFilter == null ? null : sourceFilter.name(), recordId, instant(from, "from"), instant(to, "to"));
        return log.list(tenant.orgId(), portalId, filter, page).map(InvitationResponse::from);
    }

    private static Instant instant(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, ProblemCodes.INVALID_VALUE, "Unreadable " + parameter + " '" + value + "'.",
                    List.of(new FieldError(parameter, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z")));
        }
    }
}
