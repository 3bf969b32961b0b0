package dev.portico.autoinvite.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "auto_invite_config")
public class AutoInviteConfig {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "portal_id", nullable = false)
    public UUID portalId;

    @Column(name = "user_type_id", nullable = false)
    public UUID userTypeId;

    @Column(nullable = false)
    public String name;

    public boolean enabled;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] triggers;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "common_condition")
    public String commonCondition;

    @Column(name = "language_mode", nullable = false)
    public String languageMode;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String rules;

    /** The portal's module when the configuration was saved: the record changes it listens to. */
    @Column(nullable = false)
    public String module;

    /** Type of every field the conditions test, as validated when saved (so evaluation needs no metadata). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "field_types", nullable = false)
    public String fieldTypes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
