package dev.portico.users.rest;

import dev.portico.kit.problem.FieldError;
import dev.portico.kit.problem.Problem;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Scopes;
import dev.portico.kit.security.Tenant;
import dev.portico.users.service.JobService;
import dev.portico.users.service.UserProblems;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/portals/{portalId}/invitations")
@Tag(name = ApiTags.INVITATIONS, description = "Inviting CRM records as portal users")
@RequiresScope(Scopes.PORTAL_USERS)
public class InvitationResource {

    @Inject
    Tenant tenant;

    @Inject
    JobService jobs;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "inviteRecords", summary = "Invite CRM records (one, or up to 10,000 in bulk)",
            description = "Starts a job and answers at once. Per record, the membership gate checks RECORD_NOT_FOUND, "
                    + "ALREADY_PORTAL_USER, EMAIL_IN_USE, USER_LIMIT_REACHED and PORTAL_UNAVAILABLE and reserves the "
                    + "seat; invitation-service then checks COMPANY_DOMAIN, AWAITING_APPROVAL, UNDER_REVIEW, NO_CONSENT, "
                    + "MISSING_EMAIL, INVALID_EMAIL and mails the invitation (DELIVERY_FAILED if the mail server "
                    + "refuses). Follow the job with GET /jobs/{jobId}, its failures with GET /jobs/{jobId}/items"
                    + "?outcome=FAILED, or its progress as Server-Sent Events on GET /jobs/{jobId}/events.")
    @APIResponse(responseCode = "202", description = "The job; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobResponse.class)))
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "USER_TYPE_NOT_FOUND, DUPLICATE_RECORD_IDS, IDEMPOTENCY_KEY_REUSED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response invite(@PathParam("portalId") UUID portalId,
            @Parameter(description = "Repeat a request safely: the same key and body within 24 h answer the first job")
            @HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "bulk invite", value = """
                    {"userTypeId": "6b1f3c4e-2a0d-4a9e-9c51-0b7f0a6f9d11", "recordIds": ["c-1001", "c-1002"], "language": "fr"}""")))
            @Valid @NotNull InviteRequest request, @Context UriInfo uri) {
        refuseDuplicates(request.recordIds());
        JobService.Started started = jobs.invite(tenant.orgId(), tenant.subject(), portalId,
                new JobService.InviteCommand(request.userTypeId(), request.recordIds(), request.language()),
                idempotencyKey);
        return JobResource.accepted(started, uri);
    }

    private static void refuseDuplicates(List<String> recordIds) {
        Map<String, Integer> seen = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < recordIds.size(); i++) {
            Integer first = seen.putIfAbsent(recordIds.get(i), i);
            if (first != null && errors.size() < 20) {
                errors.add(new FieldError("recordIds[" + i + "]", "repeats recordIds[" + first + "]",
                        UserProblems.DUPLICATE_RECORD_IDS));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(UserProblems.DUPLICATE_RECORD_IDS, "A record id is listed twice.", errors);
        }
    }
}
