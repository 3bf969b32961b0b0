package dev.portico.users.rest;

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
import dev.portico.users.domain.BulkJob;
import dev.portico.users.domain.PortalUserRepository;
import dev.portico.users.domain.UserFilter;
import dev.portico.users.service.JobService;
import dev.portico.users.service.PortalAccess;
import dev.portico.users.service.PortalUserService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/portals/{portalId}/users")
@Tag(name = ApiTags.USERS, description = "A portal's users: lists, counts, lifecycle actions, data access")
@RequiresScope(Scopes.PORTAL_USERS)
public class PortalUserResource {

    @Inject
    Tenant tenant;

    @Inject
    PortalUserService users;

    @Inject
    JobService jobs;

    @Inject
    PortalAccess access;

    @GET
    @Operation(operationId = "listPortalUsers", summary = "The portal's users, filtered, searched and sorted")
    @APIResponse(responseCode = "200", description = "A page of users")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<UserResponse> list(@PathParam("portalId") UUID portalId,
            @Parameter(description = "all (default), active, confirmed, unconfirmed or deactivated",
                    schema = @Schema(type = SchemaType.STRING,
                            enumeration = {"all", "active", "confirmed", "unconfirmed", "deactivated"}))
            @QueryParam("filter") String filter,
            @QueryParam("userTypeId") UUID userTypeId,
            @Parameter(description = "Start of the name or e-mail, case-insensitive")
            @QueryParam("q") @Size(max = 100) String q,
            @Parameter(description = "name (default), email, invitedAt or createdAt; a leading '-' sorts descending",
                    example = "-invitedAt")
            @QueryParam("sort") String sort,
            @BeanParam @Valid PageRequest page) {
        UserFilter query = new UserFilter(Params.enumValue(UserFilter.State.class, filter, "filter"), userTypeId, q);
        boolean descending = sort != null && sort.startsWith("-");
        return users.list(tenant.orgId(), portalId, query, sort(sort), descending, page).map(UserResponse::from);
    }

    @GET
    @Path("/counts")
    @Operation(operationId = "countPortalUsers", summary = "How many users the portal has in each state",
            description = "`all` = `active` + `deactivated`; `active` = `confirmed` + `unconfirmed`.")
    @APIResponse(responseCode = "200", description = "The counts")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UserCountsResponse counts(@PathParam("portalId") UUID portalId) {
        return UserCountsResponse.from(users.counts(tenant.orgId(), portalId));
    }

    @GET
    @Path("/{userId}")
    @Operation(operationId = "getPortalUser", summary = "One portal user")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, USER_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UserResponse get(@PathParam("portalId") UUID portalId, @PathParam("userId") UUID userId) {
        return UserResponse.from(users.get(tenant.orgId(), portalId, userId));
    }

    @POST
    @Path("/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "bulkUserAction", summary = "Reinvite, deactivate, activate, remove or change the type of users",
            description = "By `userIds` or by `filter` (every user the list query matches). Each user either changes "
                    + "or keeps its state with a reason: NOT_ALLOWED_IN_STATE (reinvite needs UNCONFIRMED, deactivate "
                    + "CONFIRMED), ALREADY_ACTIVE, USER_LIMIT_REACHED, ALREADY_IN_TYPE, USER_NOT_FOUND.")
    @APIResponse(responseCode = "202", description = "The job; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobResponse.class)))
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "USER_TYPE_NOT_FOUND, TOO_MANY_USERS, IDEMPOTENCY_KEY_REUSED, "
            + "VALIDATION_FAILED (neither or both of userIds and filter; CHANGE_TYPE without targetUserTypeId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response bulk(@PathParam("portalId") UUID portalId,
            @Parameter(description = "Repeat a request safely: the same key and body within 24 h answer the first job")
            @HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey,
            @RequestBody(content = @Content(examples = {
                    @ExampleObject(name = "deactivate by id", value = """
                            {"action": "DEACTIVATE", "userIds": ["1d0c6a2e-7f4b-4c4e-9a7e-5f3b2a1c0d9e"]}"""),
                    @ExampleObject(name = "reinvite every unconfirmed user", value = """
                            {"action": "REINVITE", "filter": {"status": "unconfirmed"}}""")}))
            @Valid @NotNull BulkActionRequest request, @Context UriInfo uri) {
        if ((request.userIds() == null) == (request.filter() == null)) {
            throw ProblemException.invalid(ProblemCodes.VALIDATION_FAILED, "userIds",
                    "give either userIds or filter, not both and not neither");
        }
        if (request.action() == BulkJob.Action.CHANGE_TYPE && request.targetUserTypeId() == null) {
            throw ProblemException.invalid(ProblemCodes.VALIDATION_FAILED, "targetUserTypeId",
                    "is required for CHANGE_TYPE");
        }
        if (request.action() == BulkJob.Action.INVITE) {
            throw new ProblemException(422, ProblemCodes.VALIDATION_FAILED, "Invite with POST /portals/{id}/invitations.",
                    List.of(new FieldError("action", "must be REINVITE, DEACTIVATE, ACTIVATE, REMOVE or CHANGE_TYPE")));
        }
        UserFilter filter = request.filter() == null ? null
                : new UserFilter(Params.enumValue(UserFilter.State.class, request.filter().status(), "filter.status"),
                        request.filter().userTypeId(), request.filter().q());
        JobService.Started started = jobs.act(tenant.orgId(), tenant.subject(), portalId,
                new JobService.ActionCommand(request.action(), request.userIds() == null ? null
                        : request.userIds().stream().distinct().toList(), filter, request.targetUserTypeId(),
                        request.language()), idempotencyKey);
        return JobResource.accepted(started, uri);
    }

    @GET
    @Path("/{userId}/access/{module}")
    @Operation(operationId = "getPortalUserAccess", summary = "The records of a module this portal user may see",
            description = "Its own record for the portal's module; for a related module the records whose lookup "
                    + "(relatedVia) points at the user's record or whose multi-lookup contains it; only the fields "
                    + "the user type lists.")
    @APIResponse(responseCode = "200", description = "The visible records")
    @APIResponse(responseCode = "403", description = "USER_DEACTIVATED, MODULE_NOT_ACCESSIBLE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, USER_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccessResponse access(@PathParam("portalId") UUID portalId, @PathParam("userId") UUID userId,
            @PathParam("module") @Size(max = 100) String module, @BeanParam @Valid PageRequest page) {
        return AccessResponse.from(access.of(tenant.orgId(), portalId, userId, module, page));
    }

    private static PortalUserRepository.Sort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return PortalUserRepository.Sort.NAME;
        }
        String key = sort.startsWith("-") ? sort.substring(1) : sort;
        return switch (key) {
            case "name" -> PortalUserRepository.Sort.NAME;
            case "email" -> PortalUserRepository.Sort.EMAIL;
            case "invitedAt" -> PortalUserRepository.Sort.INVITED_AT;
            case "createdAt" -> PortalUserRepository.Sort.CREATED_AT;
            default -> throw new ProblemException(400, ProblemCodes.INVALID_VALUE, "Unknown sort '" + sort + "'.",
                    List.of(new FieldError("sort", "must be name, email, invitedAt or createdAt, optionally with '-'")));
        };
    }
}
