package dev.portico.autoinvite.rest;

import dev.portico.autoinvite.service.AutoInviteService;
import dev.portico.events.FailureReason;
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

@Path("/portals/{portalId}/auto-invites/failures")
@Tag(name = ApiTags.AUTO_INVITE)
@RequiresScope(Scopes.PORTAL_USERS)
public class AutoInviteFailureResource {

    @Inject
    Tenant tenant;

    @Inject
    AutoInviteService service;

    @GET
    @Operation(operationId = "listAutoInviteFailures", summary = "Failed auto-invites, newest first",
            description = "Record name, e-mail, failure date, reason and message, and the configuration. A record that "
                    + "keeps failing for the same reason under the same configuration is one row with an attempt count.")
    @APIResponse(responseCode = "200", description = "A page of failures")
    @APIResponse(responseCode = "400", description = "INVALID_VALUE (reason, configId, from or to)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<FailureResponse> list(@PathParam("portalId") UUID portalId,
            @Parameter(description = "Only this configuration's failures") @QueryParam("configId") String configId,
            @Parameter(description = "Only this failure reason, e.g. COMPANY_DOMAIN") @QueryParam("reason") String reason,
            @Parameter(description = "Latest attempt at or after (ISO 8601)", example = "2026-01-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = "Latest attempt before (ISO 8601)") @QueryParam("to") String to,
            @BeanParam @Valid PageRequest page) {
        FailureReason parsedReason = Params.enumValue(FailureReason.class, reason, "reason");
        return service.failures(tenant.orgId(), portalId, uuid(configId), parsedReason == null ? null
                : parsedReason.name(), instant(from, "from"), instant(to, "to"), page).map(FailureResponse::from);
    }

    private static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid("configId", "must be a configuration id (UUID)");
        }
    }

    private static Instant instant(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(parameter, "must be an ISO 8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    private static ProblemException invalid(String parameter, String message) {
        return new ProblemException(400, ProblemCodes.INVALID_VALUE, "Invalid " + parameter + ".",
                List.of(new FieldError(parameter, message)));
    }
}
