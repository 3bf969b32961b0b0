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
            boolean inFlight = unsent && i.sendingSince != null;
            i.status = Invitation.Status.REVOKED;
            i.revokedAt = now;
            i.sendingSince = null;
            if (unsent) {
                // a mail being sent may still arrive (its sender then records sentAt, see MailDelivery): its link is
                // dead either way
                i.failureReason = FailureReason.INVITATION_REVOKED.name();
                i.failureMessage = (inFlight ? "Replaced while its mail was being sent" : "Replaced before it was sent")
                        + ": by a newer invitation, or the user was removed or deactivated. Its link no longer works; "
                        + "the newer invitation, if any, is the one that counts.";
                events.publish(InvitationEvent.Type.FAILED, i, now);
            }
        }
        return open.size();
    }

    /**
     * Withdraws acceptances that overtook the user's removal or deactivation at {@code at}: the link was used in
     * the moment before this service heard of it, and portal-user-service, which had, ignored the acceptance. The
     * ledger then says so, and the link answers INVITATION_REVOKED from now on. Invitations created after
     * {@code at} (a new invitation of a user invited again) are not touched.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int withdrawOvertaken(String orgId, UUID userId, Instant at, Instant now) {
        List<Invitation> overtaken = invitations.acceptedAfter(orgId, userId, at);
        for (Invitation i : overtaken) {
            i.status = Invitation.Status.REVOKED;
            i.revokedAt = now;
            i.failureReason = FailureReason.INVITATION_REVOKED.name();
            i.failureMessage = "Accepted just after the user was removed or deactivated, so the acceptance did not "
                    + "take effect. Invite the record again if it should be a user.";
        }
        return overtaken.size();
    }
}
