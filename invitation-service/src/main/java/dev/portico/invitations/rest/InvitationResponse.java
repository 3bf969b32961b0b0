package dev.portico.invitations.rest;

import dev.portico.invitations.domain.Invitation;
import java.time.Instant;
import java.util.UUID;

/** One line of the invitation log; the token itself is never shown. */
public record InvitationResponse(
        UUID id,
        UUID portalId,
        UUID userId,
        String recordId,
        String email,
        String language,
        String source,
        Invitation.Status status,
        UUID jobId,
        UUID configId,
        String reason,
        String message,
        Instant createdAt,
        Instant sentAt,
        Instant expiresAt,
        Instant acceptedAt,
        Instant revokedAt) {

    public static InvitationResponse from(Invitation i) {
        return new InvitationResponse(i.id, i.portalId, i.userId, i.recordId, i.email, i.language, i.source, i.status,
                i.jobId, i.configId, i.failureReason, i.failureMessage, i.createdAt, i.sentAt, i.expiresAt,
                i.acceptedAt, i.revokedAt);
    }
}
