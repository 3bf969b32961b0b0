package dev.portico.config.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "user_type")
public class UserType {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "portal_id", nullable = false)
    public UUID portalId;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<ModuleAccess> modules;

    /**
     * Users of this type, as portal-user-service reports them through user events. Only the consumer's own
     * update statement writes it, so editing a type never overwrites a count that moved meanwhile.
     */
    @Column(name = "user_count", nullable = false, insertable = false, updatable = false)
    public long userCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Raised by every update; a stale write fails instead of overwriting (and it is the ETag). */
    @Version
    public long version;
}
