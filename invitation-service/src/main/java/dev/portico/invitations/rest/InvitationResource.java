package dev.portico.invitations.rest;

import dev.portico.events.InviteSource;
import dev.portico.invitations.domain.Invitation;
import dev.portico.invitations.domain.InvitationRepository;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/portals/{portalId}/invitations")
@Tag(name = "Invitations")
@RequiresScope(Scopes.PORTAL_USERS)
public class InvitationResource {

    @Inject
    Tenant tenant;

    @Inject
    InvitationRepository invitations;

    @GET
    @Operation(summary = "The portal's invitation log, newest first",
            description = "Filter by `status`, `source` (MANUAL, BULK, AUTO) or `recordId`; failed ones carry `reason` and `message`.")
    public Page<InvitationResponse> log(@PathParam("portalId") UUID portalId,
            @QueryParam("status") String status,
            @QueryParam("source") String source,
            @QueryParam("recordId") String recordId,
            @BeanParam @Valid PageRequest page) {
        Invitation.Status statusFilter = Params.enumValue(Invitation.Status.class, status, "status");
        InviteSource sourceFilter = Params.enumValue(InviteSource.class, source, "source");
        return invitations.log(tenant.orgId(), portalId, statusFilter, sourceFilter == null ? null : sourceFilter.name(),
                recordId, page).map(InvitationResponse::from);
    }
}
