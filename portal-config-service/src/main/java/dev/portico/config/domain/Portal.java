package dev.portico.config.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Entity
@Table(name = "portal")
public class Portal {

    /** Named for the merged OpenAPI document, where every service's {@code Status} would otherwise collide. */
    @Schema(name = "PortalStatus")
    public enum Status { ACTIVE, DISABLED }

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String module;

    @Column(nullable = false)
    public String slug;

    /** What the admin chose. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Set by the system when the org's edition no longer allows the portal (trial ended on FREE). */
    public boolean suspended;

    @Column(name = "invitation_expiry_days", nullable = false)
    public int invitationExpiryDays;

    /** The default portal a trial creates. */
    public boolean system;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Raised by every update; a stale write fails instead of overwriting (and it is the ETag). */
    @Version
    public long version;

    /** ACTIVE only when the admin enabled it and the system has not suspended it. */
    public Status effectiveStatus() {
        return suspended ? Status.DISABLED : status;
    }
}
