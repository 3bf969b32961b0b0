package dev.portico.invitations.service;

import dev.portico.invitations.domain.Invitation;
import dev.portico.invitations.domain.InvitationRepository;
import dev.portico.kit.directory.ConfigDirectory;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;

@ApplicationScoped
public class InvitationLog {

    @Inject
    ConfigDirectory directory;

    @Inject
    InvitationRepository invitations;

    /** The portal's invitation log; another org's (or an unknown) portal is PORTAL_NOT_FOUND. */
    @Transactional
    public Page<Invitation> list(String orgId, UUID portalId, InvitationRepository.LogFilter filter, PageRequest page) {
        directory.portal(orgId, portalId).orElseThrow(InvitationProblems::portalNotFound);
        return invitations.log(orgId, portalId, filter, page);
    }
}
