package dev.portico.users.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * Table {@code retired_user_type} and the lock that orders a user type's retirement against the work that puts
 * users into it: that work holds the type's lock shared for its transaction, a retirement holds it exclusively, so
 * either the work commits first (and the retirement sees its users) or the retirement does (and the work sees the
 * type retired).
 */
@ApplicationScoped
public class RetiredUserTypes {

    private static final int LOCK_CLASS = 0x54595045; // "TYPE"

    @Inject
    Sql sql;

    /** Holds the type's lock shared until the transaction ends; true when the type may take users. */
    public boolean holdOpen(UUID userTypeId) {
        lock(userTypeId, "pg_advisory_xact_lock_shared");
        return !retired(userTypeId);
    }

    /** Holds the type's lock exclusively until the transaction ends. */
    public void lockForRetirement(UUID userTypeId) {
        lock(userTypeId, "pg_advisory_xact_lock");
    }

    public boolean retired(UUID userTypeId) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from retired_user_type where user_type_id = ?")) {
                ps.setObject(1, userTypeId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public void retire(String orgId, UUID portalId, UUID userTypeId, Instant at) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into retired_user_type (user_type_id, org_id, "
                    + "portal_id, retired_at) values (?, ?, ?, ?) on conflict do nothing")) {
                ps.setObject(1, userTypeId);
                ps.setString(2, orgId);
                ps.setObject(3, portalId);
                ps.setTimestamp(4, Timestamp.from(at));
                return ps.executeUpdate();
            }
        });
    }

    /** Takes a retirement back (the deletion it was for did not happen). */
    public void reinstate(String orgId, UUID userTypeId) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from retired_user_type where user_type_id = ? and org_id = ?")) {
                ps.setObject(1, userTypeId);
                ps.setString(2, orgId);
                return ps.executeUpdate();
            }
        });
    }

    private void lock(UUID userTypeId, String function) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + function + "(?, hashtext(?))")) {
                ps.setInt(1, LOCK_CLASS);
                ps.setString(2, userTypeId.toString());
                ps.execute();
                return null;
            }
        });
    }
}
