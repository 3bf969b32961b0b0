package dev.portico.config.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "org")
public class Org {

    @Id
    public String id;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Edition edition = Edition.FREE;

    @Enumerated(EnumType.STRING)
    @Column(name = "trial_edition")
    public Edition trialEdition;

    @Column(name = "trial_started_at")
    public Instant trialStartedAt;

    @Column(name = "trial_ends_at")
    public Instant trialEndsAt;

    @Column(name = "trial_ended_at")
    public Instant trialEndedAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "company_domains", nullable = false)
    public String[] companyDomains = new String[0];

    @Column(name = "gdpr_enabled", nullable = false)
    public boolean gdprEnabled;

    @Column(name = "default_language", nullable = false)
    public String defaultLanguage = "en";

    @Column(name = "portal_deletion_scheduled_at")
    public Instant portalDeletionScheduledAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Raised by every update; a stale write fails instead of overwriting (and it is the ETag). */
    @Version
    public long version;

    /** A FREE org with default settings: what an org is before its first {@code PUT /org}. */
    public static Org unconfigured(String id, Instant now) {
        Org org = new Org();
        org.id = id;
        org.createdAt = now;
        org.updatedAt = now;
        return org;
    }

    public boolean trialActive(Instant now) {
        return trialStartedAt != null && trialEndedAt == null && now.isBefore(trialEndsAt);
    }
}
