package dev.portico.invitations.service;

import dev.portico.events.FailureReason;
import dev.portico.events.InvitationEvent;
import dev.portico.invitations.domain.Invitation;
import dev.portico.invitations.domain.InvitationRepository;
import dev.portico.invitations.messaging.InvitationEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Revoking a user's open invitations (a reinvite, the user removed or deactivated, the record deleted): their
 * links stop working. One that was never sent is reported FAILED {@code INVITATION_REVOKED}, since no SENT will
 * ever come for it: the job waiting for it settles instead of staying RUNNING.
 */
@ApplicationScoped
public class Revocations {

    @Inject
    InvitationRepository invitations;

    @Inject
    InvitationEvents events;

    /** Revokes the user's pending and sent invitations; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int revokeOpen(String orgId, UUID userId, Instant now) {
        List<Invitation> open = invitations.openOf(orgId, userId);
        for (Invitation i : open) {
            boolean unsent = i.status == Invitation.Status.PENDING;
            i.status = Invitation.Status.REVOKED;
            i.revokedAt = now;
            i.sendingSince = null;
            if (unsent) {
                i.failureReason = FailureReason.INVITATION_REVOKED.name();
                i.failureMessage = "Replaced before it was sent: by a newer invitation, or the user was removed or "
                        + "deactivated. The newer invitation, if any, is the one that counts.";
                events.publish(InvitationEvent.Type.FAILED, i, now);
            }
        }
        return open.size();
    }
}
