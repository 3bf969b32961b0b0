package dev.portico.config.rest;

import dev.portico.config.domain.UserType;
import dev.portico.config.service.UserTypeService;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/portals/{portalId}/user-types")
@Tag(name = ApiTags.USER_TYPES, description = "What each kind of portal user sees and may do")
@RequiresScope(Scopes.PORTAL_CONFIG)
public class UserTypeResource {

    @Inject
    Tenant tenant;

    @Inject
    UserTypeService userTypes;

    @GET
    @RequiresScope({Scopes.PORTAL_CONFIG, Scopes.PORTAL_USERS})
    @Operation(operationId = "listUserType", summary = "The portal's user types with their user counts")
    public Page<UserTypeResponse> list(@PathParam("portalId") UUID portalId, @BeanParam @Valid PageRequest page) {
        return userTypes.list(tenant.orgId(), portalId, page).map(UserTypeResponse::from);
    }

    @GET
    @Path("/{typeId}")
    @RequiresScope({Scopes.PORTAL_CONFIG, Scopes.PORTAL_USERS})
    @Operation(operationId = "getUserType", summary = "One user type")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, USER_TYPE_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The user type",
            headers = @Header(name = "ETag", description = ETags.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserTypeResponse.class)))
    public RestResponse<UserTypeResponse> get(@PathParam("portalId") UUID portalId, @PathParam("typeId") UUID typeId) {
        return tagged(userTypes.get(tenant.orgId(), portalId, typeId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUserType", summary = "Create a user type",
            description = "Validated against the module metadata; every violation is listed with its JSON path.")
    @APIResponse(responseCode = "201", description = "Created; Location names the user type",
            headers = @Header(name = "ETag", description = ETags.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserTypeResponse.class)))
    @APIResponse(responseCode = "409", description = "USER_TYPE_NAME_TAKEN, USER_TYPE_LIMIT_REACHED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "PORTAL_MODULE_REQUIRED, MODULE_NOT_FOUND, DUPLICATE_MODULE, "
            + "RELATED_VIA_REQUIRED, RELATED_VIA_NOT_ALLOWED, FIELD_NOT_FOUND, NOT_A_LOOKUP, LOOKUP_TARGET_MISMATCH, "
            + "INCONSISTENT_PERMISSIONS, INCONSISTENT_FIELD_ACCESS, DUPLICATE_FIELD",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@PathParam("portalId") UUID portalId,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "customers", value = """
                    {"name": "Customers",
                     "modules": [
                       {"module": "Contacts", "permissions": {"view": true, "edit": true},
                        "fields": [{"name": "Full_Name", "access": "READ"}, {"name": "Phone", "access": "WRITE"}]},
                       {"module": "Deals", "permissions": {"view": true}, "relatedVia": {"field": "Stakeholders"},
                        "fields": [{"name": "Deal_Name", "access": "READ"}, {"name": "Stage", "access": "READ"}]}]}""")))
            @Valid @NotNull UserTypeRequest request, @Context UriInfo uri) {
        UserType type = userTypes.create(tenant.orgId(), portalId, request.name(), request.modulesToDomain());
        return Response.created(uri.getAbsolutePathBuilder().path(type.id.toString()).build())
                .tag(new EntityTag(String.valueOf(type.version))).entity(UserTypeResponse.from(type)).build();
    }

    @PATCH
    @Path("/{typeId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateUserType", summary = "Rename a user type or replace its modules",
            description = "Validated like a new user type. Send If-Match to apply only to the version you read.")
    @APIResponse(responseCode = "200", description = "Saved",
            headers = @Header(name = "ETag", description = ETags.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserTypeResponse.class)))
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, USER_TYPE_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "USER_TYPE_NAME_TAKEN, CONCURRENT_UPDATE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "PRECONDITION_FAILED: If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "the codes of POST",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<UserTypeResponse> update(@PathParam("portalId") UUID portalId, @PathParam("typeId") UUID typeId,
            @Parameter(description = ETags.IF_MATCH_DESCRIPTION, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull UserTypePatch patch) {
        return tagged(userTypes.update(tenant.orgId(), portalId, typeId, patch.name(),
                patch.modules() == null ? null
                        : patch.modules().stream().map(UserTypeRequest.ModuleAccessRequest::toDomain).toList(),
                ETags.ifMatch(ifMatch)));
    }

    private static RestResponse<UserTypeResponse> tagged(UserType type) {
        return ETags.ok(UserTypeResponse.from(type), type.version);
    }

    @DELETE
    @Path("/{typeId}")
    @Operation(operationId = "deleteUserType", summary = "Delete a user type, moving its users to another type first",
            description = "A type with users needs `transferTo`; the portal's last type stays.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "USER_TYPE_IN_USE, LAST_USER_TYPE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "USER_TYPE_NOT_FOUND or INVALID_TRANSFER for transferTo",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("portalId") UUID portalId, @PathParam("typeId") UUID typeId,
            @Parameter(description = "The user type of the same portal that takes over the users")
            @QueryParam("transferTo") UUID transferTo) {
        userTypes.delete(tenant.orgId(), portalId, typeId, transferTo);
    }
}
