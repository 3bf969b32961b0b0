package dev.portico.invitations.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Entity
@Table(name = "invitation")
public class Invitation {

    /** Named for the merged OpenAPI document, where every service's {@code Status} would otherwise collide. */
    @Schema(name = "InvitationStatus")
    public enum Status { PENDING, SENT, FAILED, ACCEPTED, EXPIRED, REVOKED }

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "portal_id", nullable = false)
    public UUID portalId;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "record_id", nullable = false)
    public String recordId;

    public String email;

    public String language;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "config_id")
    public UUID configId;

    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "failure_message")
    public String failureMessage;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The dispatch event that asked for this invitation: one invitation per dispatch, ever. */
    @Column(name = "dispatch_id")
    public UUID dispatchId;

    @Column(name = "user_type_id")
    public String userTypeId;

    public String name;

    /** The portal's address when the mail was rendered; the link points there. */
    @Column(name = "portal_url")
    public String portalUrl;

    /** Delivery attempts started so far. */
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** Set while a sender holds the invitation (the attempt is recorded before the mail goes out). */
    @Column(name = "sending_since")
    public Instant sendingSince;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "failed_at")
    public Instant failedAt;

    @Column(name = "expired_at")
    public Instant expiredAt;

    public boolean isOpen() {
        return status == Status.PENDING || status == Status.SENT;
    }
}
