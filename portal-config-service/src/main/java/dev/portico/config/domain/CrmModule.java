package dev.portico.config.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Module metadata an org defined (or a standard module it replaced). */
@Entity
@Table(name = "crm_module")
@IdClass(CrmModule.Key.class)
public class CrmModule {

    @Id
    @Column(name = "org_id")
    public String orgId;

    @Id
    public String name;

    @Column(name = "name_field")
    public String nameField;

    @Column(name = "email_field")
    public String emailField;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<FieldDef> fields;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Raised by every update; a stale write fails instead of overwriting (and it is the ETag). */
    @Version
    public long version;

    /** False for a standard module built from code (see {@link StandardModules}). */
    @Transient
    boolean stored = true;

    /**
     * The module's ETag value: 0 for a standard module the org never saved (no row), the row's version + 1
     * otherwise, so saving a standard module unchanged still moves its tag.
     */
    public long revision() {
        return stored ? version + 1 : 0;
    }

    public Optional<FieldDef> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    public record Key(String orgId, String name) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
