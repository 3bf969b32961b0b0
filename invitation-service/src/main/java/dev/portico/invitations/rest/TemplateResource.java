package dev.portico.invitations.rest;

import dev.portico.invitations.service.InvitationTemplates;
import dev.portico.invitations.service.Languages;
import dev.portico.invitations.service.TemplateService;
import dev.portico.kit.problem.Problem;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Scopes;
import dev.portico.kit.security.Tenant;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = ApiTags.TEMPLATES, description = "Per-portal, per-language invitation mail templates (Qute)")
@RequiresScope(Scopes.PORTAL_CONFIG)
public class TemplateResource {

    private static final String EXAMPLE = """
            {"subject": "Welcome to {portalName}",
             "html": "<p>Hello {name},</p><p><a href=\\"{link}\\">Join {portalName}</a> within {expiryDays} days.</p>",
             "text": "Hello {name},\\n\\nJoin {portalName}: {link}\\nThe link is valid until {expiresOn}."}""";

    @Inject
    Tenant tenant;

    @Inject
    TemplateService templates;

    @GET
    @Path("invitation-templates")
    @Operation(operationId = "getInvitationTemplateCatalog", summary = "Languages and placeholders of invitation templates")
    public TemplateCatalogResponse catalog() {
        return new TemplateCatalogResponse(Languages.SUPPORTED,
                InvitationTemplates.PLACEHOLDERS.stream().sorted().toList());
    }

    @GET
    @Path("portals/{portalId}/invitation-templates/{lang}")
    @Operation(operationId = "getInvitationTemplate", summary = "The template a language uses: the portal's own or the built-in one",
            description = "`lang` is a language code or BCP 47 tag (pt-BR is pt) of a supported language.")
    @APIResponse(responseCode = "200", description = "The template and whether it is the portal's own")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, LANGUAGE_NOT_SUPPORTED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TemplateResponse get(@PathParam("portalId") UUID portalId,
            @PathParam("lang") @Parameter(example = "fr") String lang) {
        return TemplateResponse.from(templates.get(tenant.orgId(), portalId, lang));
    }

    @PUT
    @Path("portals/{portalId}/invitation-templates/{lang}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putInvitationTemplate", summary = "Set the portal's own template for a language",
            description = "Placeholders: {name}, {email}, {portalName}, {link}, {expiryDays}, {expiresOn}. The HTML "
                    + "body escapes every value, so record data shows as text.")
    @APIResponse(responseCode = "200", description = "Saved")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, LANGUAGE_NOT_SUPPORTED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "INVALID_TEMPLATE, UNKNOWN_PLACEHOLDER (errors name the part)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TemplateResponse put(@PathParam("portalId") UUID portalId, @PathParam("lang") String lang,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "english", value = EXAMPLE)))
            @Valid @NotNull TemplateRequest request) {
        return TemplateResponse.from(templates.put(tenant.orgId(), portalId, lang, request.toContent()));
    }

    @DELETE
    @Path("portals/{portalId}/invitation-templates/{lang}")
    @Operation(operationId = "deleteInvitationTemplate", summary = "Go back to the built-in template for a language")
    @APIResponse(responseCode = "204", description = "The built-in template applies")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, LANGUAGE_NOT_SUPPORTED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("portalId") UUID portalId, @PathParam("lang") String lang) {
        templates.delete(tenant.orgId(), portalId, lang);
    }

    @POST
    @Path("portals/{portalId}/invitation-templates/{lang}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "previewInvitationTemplate", summary = "Render a template for a sample record",
            description = "With a body, renders that draft (validated as PUT does); without one, the template the "
                    + "language uses now.")
    @APIResponse(responseCode = "200", description = "The rendered subject and bodies")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND, LANGUAGE_NOT_SUPPORTED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "INVALID_TEMPLATE, UNKNOWN_PLACEHOLDER",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PreviewResponse preview(@PathParam("portalId") UUID portalId, @PathParam("lang") String lang,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "draft", value = EXAMPLE)))
            @Valid TemplateRequest draft) {
        return PreviewResponse.from(templates.preview(tenant.orgId(), portalId, lang,
                draft == null ? null : draft.toContent()));
    }
}
