package dev.portico.config.rest;

import dev.portico.config.service.PortalService;
import dev.portico.config.service.PortalView;
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

@Path("/portals")
@Tag(name = ApiTags.PORTALS, description = "Portals: one CRM module each, served at https://{slug}.{portal domain}")
@RequiresScope(Scopes.PORTAL_CONFIG)
public class PortalResource {

    @Inject
    Tenant tenant;

    @Inject
    PortalService portals;

    @GET
    @RequiresScope({Scopes.PORTAL_CONFIG, Scopes.PORTAL_USERS})
    @Operation(operationId = "listPortal", summary = "The org's portals, oldest first")
    public Page<PortalResponse> list(@BeanParam @Valid PageRequest page) {
        return portals.list(tenant.orgId(), page).map(PortalResource::response);
    }

    @GET
    @Path("/{id}")
    @RequiresScope({Scopes.PORTAL_CONFIG, Scopes.PORTAL_USERS})
    @Operation(operationId = "getPortal", summary = "One portal, with its URL and old slugs")
    @APIResponse(responseCode = "200", description = "The portal",
            headers = @Header(name = "ETag", description = ETags.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PortalResponse.class)))
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND (also for another org's portal)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<PortalResponse> get(@PathParam("id") UUID id) {
        return tagged(portals.get(tenant.orgId(), id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPortal", summary = "Create a portal",
            description = "Creates the portal with a default user type for its module. ENTERPRISE and ULTIMATE may "
                    + "create up to their limit; other editions and trials cannot.")
    @APIResponse(responseCode = "201", description = "Created; Location names the portal",
            headers = @Header(name = "ETag", description = ETags.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PortalResponse.class)))
    @APIResponse(responseCode = "403", description = "EDITION_NOT_SUPPORTED (or MISSING_SCOPE)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "SLUG_TAKEN, PORTAL_LIMIT_REACHED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "INVALID_SLUG, SLUG_RESERVED, MODULE_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@RequestBody(content = @Content(examples = @ExampleObject(name = "customer portal", value = """
            {"name": "Customer portal", "module": "Contacts", "slug": "acme-customers", "invitationExpiryDays": 7}""")))
            @Valid @NotNull PortalRequest request, @Context UriInfo uri) {
        PortalView view = portals.create(tenant.orgId(), request.toCommand());
        PortalResponse created = response(view);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .tag(new EntityTag(String.valueOf(view.portal().version))).entity(created).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updatePortal", summary = "Change a portal's name, slug, status or invitation expiry",
            description = "A new slug keeps the old one as an alias that still resolves (GET /portal-urls/{slug}); "
                    + "no mail is sent to portal users about the new URL. A portal keeps at most 10 aliases "
                    + "(`portico.config.max-aliases-per-portal`): beyond that the oldest alias is released and stops "
                    + "resolving, and any portal may take it. Concurrent changes of one portal are applied one after "
                    + "the other; send If-Match to apply a change only to the version you read.")
    @APIResponse(responseCode = "200", description = "Saved",
            headers = @Header(name = "ETag", description = ETags.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PortalResponse.class)))
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "SLUG_TAKEN, CONCURRENT_UPDATE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "PRECONDITION_FAILED: If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "INVALID_SLUG, SLUG_RESERVED, MODULE_IMMUTABLE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<PortalResponse> update(@PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH_DESCRIPTION, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "new slug", value = """
                    {"slug": "acme-help", "invitationExpiryDays": 14}"""))) @Valid @NotNull PortalPatch patch) {
        return tagged(portals.update(tenant.orgId(), id, patch.toCommand(), ETags.ifMatch(ifMatch)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deletePortal", summary = "Delete a portal with its user types and slugs")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "SYSTEM_PORTAL_PROTECTED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id) {
        portals.delete(tenant.orgId(), id);
    }

    static PortalResponse response(PortalView view) {
        return PortalResponse.from(view.portal(), view.url(), view.aliases());
    }

    private static RestResponse<PortalResponse> tagged(PortalView view) {
        return ETags.ok(response(view), view.portal().version);
    }
}
