package dev.portico.invitations.service;

import dev.portico.events.ConfigEvent;
import dev.portico.events.InvitationEvent;
import dev.portico.invitations.domain.Invitation;
import dev.portico.invitations.domain.InvitationRepository;
import dev.portico.invitations.messaging.InvitationEvents;
import dev.portico.kit.directory.ConfigDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Accepting an invitation by its token. The token is looked up by its SHA-256 (an indexed equality on the
 * hash: nothing about a near miss shows in the time taken), used once, and answers nothing about e-mail
 * addresses beyond the invitation's own.
 */
@ApplicationScoped
public class AcceptService {

    public record Accepted(UUID portalId, String portalUrl, String email) {
    }

    @Inject
    InvitationRepository invitations;

    @Inject
    ConfigDirectory directory;

    @Inject
    InvitationEvents events;

    @Inject
    Clock clock;

    @Transactional
    public Accepted accept(String token) {
        byte[] hash = Tokens.hash(token).orElseThrow(InvitationProblems::invitationNotFound);
        Invitation i = invitations.byTokenHashForUpdate(hash).orElseThrow(InvitationProblems::invitationNotFound);
        Instant now = Instant.now(clock);
        switch (i.status) {
            case ACCEPTED -> throw InvitationProblems.alreadyAccepted();
            case REVOKED -> throw InvitationProblems.revoked();
            case EXPIRED -> throw InvitationProblems.expired();
            case FAILED -> throw InvitationProblems.invitationNotFound();
            case PENDING -> {
                // the mail reached the invitee before its sender recorded it: it was sent
                i.status = Invitation.Status.SENT;
                i.sentAt = now;
                i.sendingSince = null;
                events.publish(InvitationEvent.Type.SENT, i, now);
            }
            case SENT -> {
            }
        }
        if (i.expiresAt != null && !now.isBefore(i.expiresAt)) {
            throw InvitationProblems.expired();
        }
        // the user accepted another invitation already: a reinvite that raced that acceptance (portal-user had not
        // seen it yet) mailed this one, and it must not confirm the user a second time
        if (i.userId != null && invitations.acceptedOther(i)) {
            throw InvitationProblems.alreadyAccepted();
        }
        // a portal that is disabled (or closed with its subscription) takes no one in; the link keeps working for
        // when it opens again, within its expiry. A deleted one never opens again. (It was in the directory when
        // the mail went out, so it is not merely unknown yet.)
        ConfigEvent.Portal portal = directory.portal(i.orgId, i.portalId)
                .orElseThrow(InvitationProblems::portalDeleted);
        if (!Eligibility.open(portal)) {
            throw InvitationProblems.portalUnavailable();
        }
        i.status = Invitation.Status.ACCEPTED;
        i.acceptedAt = now;
        events.publish(InvitationEvent.Type.ACCEPTED, i, now);
        return new Accepted(i.portalId, portal.url(), i.email);
    }
}
