package dev.portico.config.rest;

import dev.portico.config.domain.CrmModule;
import dev.portico.config.service.ModuleCatalog;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
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

@Path("/modules")
@Tag(name = ApiTags.MODULES, description = "CRM module metadata: fields, lookups, name and e-mail fields")
@RequiresScope(Scopes.PORTAL_CONFIG)
public class ModuleResource {

    @Inject
    Tenant tenant;

    @Inject
    ModuleCatalog catalog;

    @GET
    @Operation(operationId = "listModule", summary = "The org's modules: Contacts, Accounts, Deals, Cases and any the org defined")
    public Page<ModuleResponse> list(@BeanParam @Valid PageRequest page) {
        List<ModuleResponse> all = catalog.all(tenant.orgId()).stream().map(ModuleResponse::from).toList();
        int from = Math.min(page.offset(), all.size());
        int to = Math.min(from + page.size, all.size());
        return new Page<>(all.subList(from, to), page.page, page.size, all.size());
    }

    @GET
    @Path("/{module}")
    @Operation(operationId = "getModule", summary = "One module's metadata")
    @APIResponse(responseCode = "200", description = "The module (a standard module the org never changed has ETag \"0\")",
            headers = @Header(name = "ETag", description = ETags.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModuleResponse.class)))
    @APIResponse(responseCode = "404", description = "MODULE_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<ModuleResponse> get(@PathParam("module") String module) {
        CrmModule found = catalog.get(tenant.orgId(), module);
        return ETags.ok(ModuleResponse.from(found), found.revision());
    }

    @PUT
    @Path("/{module}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putModule", summary = "Add a module or replace its fields",
            description = "LOOKUP and MULTI_LOOKUP fields name their target module. A change that would break a user "
                    + "type is refused (409 FIELD_IN_USE, naming the user types): removing a field it shows or relates "
                    + "through, or making a field it relates through (`relatedVia`) anything but a LOOKUP or "
                    + "MULTI_LOOKUP pointing at its portal's module. Concurrent puts of one module are applied one "
                    + "after the other; send If-Match to apply only to the version you read.")
    @APIResponse(responseCode = "200", description = "Saved",
            headers = @Header(name = "ETag", description = ETags.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModuleResponse.class)))
    @APIResponse(responseCode = "409", description = "FIELD_IN_USE, CONCURRENT_UPDATE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "PRECONDITION_FAILED: If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "INVALID_MODULE_NAME, DUPLICATE_FIELD, TARGET_MODULE_NOT_FOUND, "
            + "TARGET_MODULE_NOT_ALLOWED, FIELD_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<ModuleResponse> put(@PathParam("module") String module,
            @Parameter(description = ETags.IF_MATCH_DESCRIPTION, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "policies", value = """
                    {"nameField": "Policy_Number",
                     "fields": [{"name": "Policy_Number", "type": "TEXT"},
                                {"name": "Premium", "type": "CURRENCY"},
                                {"name": "Policy_Holder", "type": "LOOKUP", "targetModule": "Contacts"},
                                {"name": "Beneficiaries", "type": "MULTI_LOOKUP", "targetModule": "Contacts"}]}""")))
            @Valid @NotNull ModuleRequest request) {
        CrmModule saved = catalog.put(tenant.orgId(), module, request.nameField(), request.emailField(),
                request.fieldsToDomain(), ETags.ifMatch(ifMatch));
        return ETags.ok(ModuleResponse.from(saved), saved.revision());
    }
}
