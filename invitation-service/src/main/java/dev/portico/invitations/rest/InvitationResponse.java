package dev.portico.invitations.rest;

import dev.portico.invitations.domain.Invitation;
import java.time.Instant;
import java.util.UUID;

/** One line of the invitation log; the token itself is never shown. */
public record InvitationResponse(
        UUID id,
        UUID portalId,
        String userTypeId,
        UUID userId,
        String recordId,
        String name,
        String email,
        String language,
        String source,
        Invitation.Status status,
        UUID jobId,
        UUID configId,
        String reason,
        String message,
        int attempts,
        Instant createdAt,
        Instant sentAt,
        Instant failedAt,
        Instant expiresAt,
        Instant acceptedAt,
        Instant expiredAt,
        Instant revokedAt) {

    public static InvitationResponse from(Invitation i) {
        return new InvitationResponse(i.id, i.portalId, i.userTypeId, i.userId, i.recordId, i.name, i.email,
                i.language, i.source, i.status, i.jobId, i.configId, i.failureReason, i.failureMessage, i.attempts,
                i.createdAt, i.sentAt, i.failedAt, i.expiresAt, i.acceptedAt, i.expiredAt, i.revokedAt);
    }
}
