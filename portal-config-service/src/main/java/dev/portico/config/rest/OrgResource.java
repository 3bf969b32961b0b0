package dev.portico.config.rest;

import dev.portico.config.service.OrgService;
import dev.portico.config.service.OrgView;
import dev.portico.kit.problem.Problem;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Scopes;
import dev.portico.kit.security.Tenant;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
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

@Path("/org")
@Tag(name = ApiTags.ORG, description = "The caller's org: edition, trial, company domains, GDPR, limits")
public class OrgResource {

    @Inject
    Tenant tenant;

    @Inject
    OrgService orgs;

    @GET
    @Operation(operationId = "getOrg", summary = "The caller's org settings with the limits in force",
            description = "An org that never saved settings is a FREE org with defaults.")
    @APIResponse(responseCode = "200", description = "The settings",
            headers = @Header(name = "ETag", description = ETags.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgResponse.class)))
    public RestResponse<OrgResponse> get() {
        return response(orgs.get(tenant.orgId()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.ORG_ADMIN)
    @Operation(operationId = "putOrg", summary = "Save the org settings",
            description = "Starting a trial creates the system-defined default portal for Contacts. Changing the "
                    + "edition during a trial ends it: ENTERPRISE/ULTIMATE get full limits, STANDARD/PROFESSIONAL keep "
                    + "the trial portal and its users, FREE disables it and schedules its deletion in 30 days "
                    + "(cancelled by an upgrade before then).")
    @APIResponse(responseCode = "200", description = "Saved",
            headers = @Header(name = "ETag", description = ETags.ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgResponse.class)))
    @APIResponse(responseCode = "409", description = "TRIAL_NOT_AVAILABLE, CONCURRENT_UPDATE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "PRECONDITION_FAILED: If-Match names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "TRIAL_EDITION_NOT_SUPPORTED, INVALID_TRIAL_END, INVALID_DOMAIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<OrgResponse> put(
            @Parameter(description = ETags.IF_MATCH_DESCRIPTION, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "start a trial", value = """
            {"name": "Acme Corp", "edition": "FREE", "trial": {"edition": "ENTERPRISE"},
             "companyDomains": ["acme.com"], "gdprEnabled": true, "defaultLanguage": "en"}"""))) @Valid @NotNull OrgRequest request) {
        return response(orgs.put(tenant.orgId(), request.toSettings(), ETags.ifMatch(ifMatch)));
    }

    private static RestResponse<OrgResponse> response(OrgView view) {
        return ETags.ok(OrgResponse.from(view.org(), view.limits(), view.now()), view.org().version);
    }
}
