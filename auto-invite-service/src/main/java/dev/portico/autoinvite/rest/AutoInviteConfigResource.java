package dev.portico.autoinvite.rest;

import dev.portico.autoinvite.service.AutoInviteService;
import dev.portico.kit.problem.Problem;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Scopes;
import dev.portico.kit.security.Tenant;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/portals/{portalId}/auto-invites")
@Tag(name = ApiTags.AUTO_INVITE, description = "Inviting records automatically when they meet conditions")
@RequiresScope(Scopes.PORTAL_CONFIG)
public class AutoInviteConfigResource {

    static final String EXAMPLE = """
            {"name": "Paying customers", "userTypeId": "6b1f3c4e-2a0d-4a9e-9c51-0b7f0a6f9d11",
             "triggers": ["CREATE", "UPDATE"],
             "commonCondition": {"field": "Subscription", "op": "eq", "value": "Paid"},
             "languageMode": "MULTIPLE",
             "rules": [
               {"language": "fr", "condition": {"field": "Country", "op": "in", "value": ["France", "Belgium"]}},
               {"language": "de", "condition": {"all": [{"field": "Country", "op": "eq", "value": "Germany"},
                                                        {"not": {"field": "Email", "op": "is_empty"}}]}},
               {"language": "en"}],
             "enabled": true}""";
    static final String INVALID = "INVALID_AUTO_INVITE listing every problem with its JSON path and code: NAME_REQUIRED, "
            + "NAME_TOO_LONG, USER_TYPE_REQUIRED, USER_TYPE_NOT_FOUND, TRIGGERS_REQUIRED, UNKNOWN_TRIGGER, "
            + "DUPLICATE_TRIGGER, UNKNOWN_LANGUAGE_MODE, RULES_REQUIRED, SINGLE_NEEDS_ONE_RULE, TOO_MANY_RULES, "
            + "UNSUPPORTED_LANGUAGE, DUPLICATE_LANGUAGE, INVALID_CONDITION, UNKNOWN_FIELD, UNKNOWN_OPERATOR, "
            + "OPERATOR_NOT_ALLOWED, INVALID_CONDITION_VALUE; or MODULE_NOT_FOUND";

    @Inject
    Tenant tenant;

    @Inject
    AutoInviteService service;

    @GET
    @Operation(operationId = "listAutoInvites", summary = "The portal's auto-invite configurations, oldest first",
            description = "Oldest first is also the order in which they are tried: a record change requests at most "
                    + "one invitation, from the first enabled configuration that matches.")
    @APIResponse(responseCode = "200", description = "A page of configurations")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AutoInviteConfigResponse> list(@PathParam("portalId") UUID portalId, @BeanParam @Valid PageRequest page) {
        return service.list(tenant.orgId(), portalId, page).map(AutoInviteConfigResponse::from);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAutoInvite", summary = "Create an auto-invite configuration",
            description = "Conditions are checked against the module's metadata (field exists, operator fits its type, "
                    + "value of the right type). Operators: eq ne in not_in contains not_contains starts_with ends_with "
                    + "is_empty is_not_empty gt gte lt lte between changed. Text compares case-insensitively.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AutoInviteConfigResponse.class)))
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = INVALID,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@PathParam("portalId") UUID portalId,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "multi-language", value = EXAMPLE)))
            @NotNull AutoInviteRequest request, @Context UriInfo uri) {
        AutoInviteConfigResponse created = AutoInviteConfigResponse.from(
                service.create(tenant.orgId(), portalId, request.toDraft()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Path("/{configId}")
    @Operation(operationId = "getAutoInvite", summary = "One auto-invite configuration")
    @APIResponse(responseCode = "200", description = "The configuration")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, AUTO_INVITE_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AutoInviteConfigResponse get(@PathParam("portalId") UUID portalId, @PathParam("configId") UUID configId) {
        return AutoInviteConfigResponse.from(service.get(tenant.orgId(), portalId, configId));
    }

    @PUT
    @Path("/{configId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceAutoInvite", summary = "Replace an auto-invite configuration",
            description = "Applies from the next record change. `enabled` left out keeps the current state; disable "
                    + "first to edit without sending invitations meanwhile.")
    @APIResponse(responseCode = "200", description = "The configuration as saved")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, AUTO_INVITE_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = INVALID,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AutoInviteConfigResponse replace(@PathParam("portalId") UUID portalId, @PathParam("configId") UUID configId,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "multi-language", value = EXAMPLE)))
            @NotNull AutoInviteRequest request) {
        return AutoInviteConfigResponse.from(service.update(tenant.orgId(), portalId, configId, request.toDraft()));
    }

    @DELETE
    @Path("/{configId}")
    @Operation(operationId = "deleteAutoInvite", summary = "Delete an auto-invite configuration",
            description = "Stops at once: record changes read afterwards request nothing for it. Its failure log "
                    + "rows stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, AUTO_INVITE_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("portalId") UUID portalId, @PathParam("configId") UUID configId) {
        service.delete(tenant.orgId(), portalId, configId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{configId}/enable")
    @Operation(operationId = "enableAutoInvite", summary = "Resume an auto-invite configuration")
    @APIResponse(responseCode = "200", description = "The configuration, enabled")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, AUTO_INVITE_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AutoInviteConfigResponse enable(@PathParam("portalId") UUID portalId, @PathParam("configId") UUID configId) {
        return AutoInviteConfigResponse.from(service.enable(tenant.orgId(), portalId, configId, true));
    }

    @POST
    @Path("/{configId}/disable")
    @Operation(operationId = "disableAutoInvite", summary = "Pause an auto-invite configuration",
            description = "A disabled configuration requests nothing until enabled again.")
    @APIResponse(responseCode = "200", description = "The configuration, disabled")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, AUTO_INVITE_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AutoInviteConfigResponse disable(@PathParam("portalId") UUID portalId, @PathParam("configId") UUID configId) {
        return AutoInviteConfigResponse.from(service.enable(tenant.orgId(), portalId, configId, false));
    }

    @POST
    @Path("/{configId}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "testAutoInvite", summary = "Dry run: evaluate a sample record",
            description = "Says whether the common condition passed, which rule matched or why each failed (the first "
                    + "failing leaf of each, by JSON path), the language, and whether an invite would be requested. "
                    + "Requests nothing.")
    @APIResponse(responseCode = "200", description = "The evaluation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DryRunResponse.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (no record)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, AUTO_INVITE_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DryRunResponse test(@PathParam("portalId") UUID portalId, @PathParam("configId") UUID configId,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "sample", value = """
                    {"record": {"Country": "France", "Subscription": "Paid", "Email": "a@b.example"},
                     "changedFields": ["Subscription"]}""")))
            @Valid @NotNull DryRunRequest request) {
        return DryRunResponse.from(service.dryRun(tenant.orgId(), portalId, configId, request.record(),
                request.changedFields()));
    }
}
