package dev.portico.autoinvite.rest;

import dev.portico.autoinvite.domain.AutoInviteConfigRepository;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Scopes;
import dev.portico.kit.security.Tenant;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/portals/{portalId}/auto-invites")
@Tag(name = "Auto-invite")
@RequiresScope(Scopes.PORTAL_CONFIG)
public class AutoInviteConfigResource {

    @Inject
    Tenant tenant;

    @Inject
    AutoInviteConfigRepository configs;

    @GET
    @Operation(summary = "The portal's auto-invite configurations, oldest first")
    public Page<AutoInviteConfigResponse> list(@PathParam("portalId") UUID portalId, @BeanParam @Valid PageRequest page) {
        return configs.ofPortal(tenant.orgId(), portalId, page).map(AutoInviteConfigResponse::from);
    }
}
