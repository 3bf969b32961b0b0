package dev.portico.users.domain;

import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Portal users, read and written set-wise: the list's filters and search use the indexes of V2. */
@ApplicationScoped
public class PortalUserRepository {

    /** A search's {@code total} counts at most this many users; beyond, the page says {@code totalCapped}. */
    public static final int TOTAL_CAP = 10_000;

    /** A user appears in lists and counts once the first invitation went out (or it is confirmed). */
    static final String LISTED = "removed_at is null and (invited_at is not null or confirmed)";
    static final String COLUMNS = "id, org_id, portal_id, user_type_id, module, record_id, name, email, language, active, "
            + "confirmed, invited_at, confirmed_at, deactivated_at, removed_at, created_at, updated_at, last_invitation_status";
    private static final String PAGE_COLUMNS = "u." + COLUMNS.replace(", ", ", u.");

    public enum Sort {
        NAME("lower(name)"), EMAIL("email_normalized"), INVITED_AT("invited_at"), CREATED_AT("created_at");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    @Inject
    Sql sql;

    @Inject
    ListedUserCounts counts;

    public record Counts(long all, long active, long confirmed, long unconfirmed, long deactivated) {
    }

    /** The filter chips: kept by the database, read in a few rows whatever the portal's size. */
    public Counts counts(String orgId, UUID portalId) {
        return counts.of(orgId, portalId, null);
    }

    public Page<PortalUser> page(String orgId, UUID portalId, UserFilter filter, Sort sort, boolean descending,
            PageRequest page) {
        Query portal = where(portalId, filter);
        Query where = portal.ofOrg(orgId);
        boolean search = filter.q() != null && !filter.q().isBlank();
        // without a search, the total is exact from the kept counts; a search's matches are counted up to a cap
        long exact = search ? -1 : counts.total(orgId, portalId, filter);
        return sql.run(c -> {
            long total = exact;
            if (search) {
                try (PreparedStatement ps = where.prepare(c, "select count(*) from (select 1 from portal_user where ",
                        " limit " + (TOTAL_CAP + 1) + ") matches")) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
            }
            String direction = descending ? " desc, id desc" : ", id";
            String limit = " limit " + page.size + " offset " + page.offset();
            PreparedStatement ps;
            if (search) {
                // a search reads its few matches through the prefix indexes, then sorts them: the fence (offset 0)
                // keeps the planner from walking a sort index over the whole portal instead
                ps = where.prepare(c, "select " + COLUMNS + " from (select * from portal_user where ",
                        " offset 0) matches order by " + sort.column + direction + limit);
            } else {
                // the page's ids first, in the order of the sort's index and from that index alone (it holds every
                // column the filter and the sort need: an index-only scan), then their rows: a deep page skips
                // index entries, not table rows. The portal's id alone picks the entries; the org is checked on the
                // page's rows, so another org's portal id gives an empty page (and the portal was checked before).
                ps = portal.prepare(c, "select " + PAGE_COLUMNS + " from (select id, " + sort.column
                        + " as sort_key from portal_user where ", " order by " + sort.column + direction + limit
                        + ") page join portal_user u on u.id = page.id where u.org_id = ? order by page.sort_key"
                        + (descending ? " desc, page.id desc" : ", page.id"), orgId);
            }
            List<PortalUser> items = new ArrayList<>();
            try (ps) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            return search && total > TOTAL_CAP ? new Page<>(items, page.page, page.size, TOTAL_CAP, true)
                    : new Page<>(items, page.page, page.size, total);
        });
    }

    /** Every listed user the filter matches, in a stable order (a bulk action by filter). */
    public List<PortalUser> matching(String orgId, UUID portalId, UserFilter filter, int limit) {
        Query where = where(portalId, filter).ofOrg(orgId);
        return sql.run(c -> {
            try (PreparedStatement ps = where.prepare(c, "select " + COLUMNS + " from portal_user where ",
                    " order by created_at, id limit " + limit)) {
                return readAll(ps);
            }
        });
    }

    public Optional<PortalUser> find(String orgId, UUID portalId, UUID userId) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                    + " from portal_user where org_id = ? and portal_id = ? and id = ? and removed_at is null")) {
                ps.setString(1, orgId);
                ps.setObject(2, portalId);
                ps.setObject(3, userId);
                return readAll(ps).stream().findFirst();
            }
        });
    }

    /** Live users by id, locked for an update of their state. */
    public List<PortalUser> lockLive(String orgId, UUID portalId, Collection<UUID> userIds) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from portal_user where org_id = ? "
                    + "and portal_id = ? and id = any(?) and removed_at is null order by id for update")) {
                ps.setString(1, orgId);
                ps.setObject(2, portalId);
                ps.setArray(3, c.createArrayOf("uuid", userIds.toArray()));
                return readAll(ps);
            }
        });
    }

    /** The live users of a user type (reserved ones, whose invitation is on its way, included), locked. */
    public List<PortalUser> lockOfType(String orgId, UUID portalId, UUID userTypeId) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from portal_user where org_id = ? "
                    + "and portal_id = ? and user_type_id = ? and removed_at is null order by id for update")) {
                ps.setString(1, orgId);
                ps.setObject(2, portalId);
                ps.setObject(3, userTypeId);
                return readAll(ps);
            }
        });
    }

    /** Live users by id whatever their portal (invitation outcomes name the user only). */
    public List<PortalUser> lockById(Collection<UUID> userIds) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                    + " from portal_user where id = any(?) and removed_at is null order by id for update")) {
                ps.setArray(1, c.createArrayOf("uuid", userIds.toArray()));
                return readAll(ps);
            }
        });
    }

    /** The live users of these records, in any portal of the org (a record changed or was deleted). */
    public List<PortalUser> lockOfRecords(String orgId, String module, Collection<String> recordIds) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from portal_user where org_id = ? "
                    + "and module = ? and record_id = any(?) and removed_at is null order by id for update")) {
                ps.setString(1, orgId);
                ps.setString(2, module);
                ps.setArray(3, c.createArrayOf("text", recordIds.toArray()));
                return readAll(ps);
            }
        });
    }

    /** Which of these records already have a live membership in the portal. */
    public Set<String> membersAmong(UUID portalId, Collection<String> recordIds) {
        return strings("select record_id from portal_user where portal_id = ? and record_id = any(?) "
                + "and removed_at is null", portalId, "text", recordIds);
    }

    /** Which of these (normalised) e-mails already belong to a live member of the portal. */
    public Set<String> emailsAmong(UUID portalId, Collection<String> emails) {
        return strings("select email_normalized from portal_user where portal_id = ? and email_normalized = any(?) "
                + "and removed_at is null", portalId, "text", emails);
    }

    /** Seats taken: active members, invitations in flight included. */
    public long activeSeats(UUID portalId) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*) from portal_user where portal_id = ? and active and removed_at is null")) {
                ps.setObject(1, portalId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Serialises seat decisions of one portal across requests, consumers and replicas (transaction-scoped). */
    public void lockSeats(UUID portalId) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                ps.setInt(1, 0x53454154); // "SEAT"
                ps.setString(2, portalId.toString());
                ps.execute();
                return null;
            }
        });
    }

    public void insertAll(List<PortalUser> users) {
        if (users.isEmpty()) {
            return;
        }
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into portal_user (" + COLUMNS
                    + ", email_normalized) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (PortalUser u : users) {
                    ps.setObject(1, u.id());
                    ps.setString(2, u.orgId());
                    ps.setObject(3, u.portalId());
                    ps.setObject(4, u.userTypeId());
                    ps.setString(5, u.module());
                    ps.setString(6, u.recordId());
                    ps.setString(7, u.name());
                    ps.setString(8, u.email());
                    ps.setString(9, u.language());
                    ps.setBoolean(10, u.active());
                    ps.setBoolean(11, u.confirmed());
                    ps.setTimestamp(12, ts(u.invitedAt()));
                    ps.setTimestamp(13, ts(u.confirmedAt()));
                    ps.setTimestamp(14, ts(u.deactivatedAt()));
                    ps.setTimestamp(15, ts(u.removedAt()));
                    ps.setTimestamp(16, ts(u.createdAt()));
                    ps.setTimestamp(17, ts(u.updatedAt()));
                    ps.setString(18, u.lastInvitationStatus());
                    ps.setString(19, normalize(u.email()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Writes the state of users already read (flags, type, timestamps, name, e-mail) in one statement, however many:
     * one statement instead of one per user also runs the list-count trigger once, not once per user.
     */
    public void updateAll(List<PortalUser> users) {
        if (users.isEmpty()) {
            return;
        }
        int n = users.size();
        Object[] id = new Object[n];
        Object[] type = new Object[n];
        String[] name = new String[n];
        String[] email = new String[n];
        String[] normalized = new String[n];
        String[] language = new String[n];
        Boolean[] active = new Boolean[n];
        Boolean[] confirmed = new Boolean[n];
        String[] invitedAt = new String[n];
        String[] confirmedAt = new String[n];
        String[] deactivatedAt = new String[n];
        String[] removedAt = new String[n];
        String[] updatedAt = new String[n];
        String[] invitationStatus = new String[n];
        for (int i = 0; i < n; i++) {
            PortalUser u = users.get(i);
            id[i] = u.id();
            type[i] = u.userTypeId();
            name[i] = u.name();
            email[i] = u.email();
            normalized[i] = normalize(u.email());
            language[i] = u.language();
            active[i] = u.active();
            confirmed[i] = u.confirmed();
            invitedAt[i] = text(u.invitedAt());
            confirmedAt[i] = text(u.confirmedAt());
            deactivatedAt[i] = text(u.deactivatedAt());
            removedAt[i] = text(u.removedAt());
            updatedAt[i] = text(u.updatedAt());
            invitationStatus[i] = u.lastInvitationStatus();
        }
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update portal_user p set user_type_id = s.type, name = s.name, email = s.email,
                        email_normalized = s.normalized, language = s.language, active = s.active,
                        confirmed = s.confirmed, invited_at = s.invited, confirmed_at = s.confirmed_at,
                        deactivated_at = s.deactivated, removed_at = s.removed, updated_at = s.updated,
                        last_invitation_status = s.status, version = p.version + 1
                    from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                                ?::boolean[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                                ?::timestamptz[], ?::text[])
                        as s(id, type, name, email, normalized, language, active, confirmed, invited, confirmed_at,
                             deactivated, removed, updated, status)
                    where p.id = s.id""")) {
                ps.setArray(1, c.createArrayOf("uuid", id));
                ps.setArray(2, c.createArrayOf("uuid", type));
                ps.setArray(3, c.createArrayOf("text", name));
                ps.setArray(4, c.createArrayOf("text", email));
                ps.setArray(5, c.createArrayOf("text", normalized));
                ps.setArray(6, c.createArrayOf("text", language));
                ps.setArray(7, c.createArrayOf("boolean", active));
                ps.setArray(8, c.createArrayOf("boolean", confirmed));
                ps.setArray(9, c.createArrayOf("text", invitedAt));
                ps.setArray(10, c.createArrayOf("text", confirmedAt));
                ps.setArray(11, c.createArrayOf("text", deactivatedAt));
                ps.setArray(12, c.createArrayOf("text", removedAt));
                ps.setArray(13, c.createArrayOf("text", updatedAt));
                ps.setArray(14, c.createArrayOf("text", invitationStatus));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Releases seats whose first invitation failed: they never became users, so no tombstone is kept. */
    public void deleteAll(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from portal_user where id = any(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", userIds.toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private Set<String> strings(String query, UUID portalId, String arrayType, Collection<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setObject(1, portalId);
                ps.setArray(2, c.createArrayOf(arrayType, values.toArray()));
                Set<String> found = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                return found;
            }
        });
    }

    /** The listed users of the portal the filter matches; {@link Query#ofOrg} adds the tenant's condition. */
    private static Query where(UUID portalId, UserFilter filter) {
        StringBuilder where = new StringBuilder("portal_id = ? and " + LISTED);
        List<Object> params = new ArrayList<>(List.of(portalId));
        switch (filter.stateOrAll()) {
            case ACTIVE -> where.append(" and active");
            case CONFIRMED -> where.append(" and active and confirmed");
            case UNCONFIRMED -> where.append(" and active and not confirmed");
            case DEACTIVATED -> where.append(" and not active");
            case ALL -> {
            }
        }
        if (filter.userTypeId() != null) {
            where.append(" and user_type_id = ?");
            params.add(filter.userTypeId());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            String prefix = likePrefix(filter.q().trim().toLowerCase(Locale.ROOT));
            where.append(" and (lower(name) like ? or email_normalized like ?)");
            params.add(prefix);
            params.add(prefix);
        }
        return new Query(where.toString(), params);
    }

    static String likePrefix(String q) {
        return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private record Query(String where, List<Object> params) {
        PreparedStatement prepare(Connection c, String head, String tail, Object... more) throws SQLException {
            PreparedStatement ps = c.prepareStatement(head + where + tail);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            for (int i = 0; i < more.length; i++) {
                ps.setObject(params.size() + i + 1, more[i]);
            }
            return ps;
        }

        /** The same conditions, and the org's first. */
        Query ofOrg(String orgId) {
            List<Object> withOrg = new ArrayList<>(List.of(orgId));
            withOrg.addAll(params);
            return new Query("org_id = ? and " + where, withOrg);
        }
    }

    private static List<PortalUser> readAll(PreparedStatement ps) throws SQLException {
        List<PortalUser> users = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                users.add(read(rs));
            }
        }
        return users;
    }

    static PortalUser read(ResultSet rs) throws SQLException {
        return new PortalUser(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getBoolean(10), rs.getBoolean(11), instant(rs, 12), instant(rs, 13),
                instant(rs, 14), instant(rs, 15), instant(rs, 16), instant(rs, 17), rs.getString(18));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** An instant as ISO-8601 text for a timestamptz array (PostgreSQL reads it exactly, whatever the time zone). */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
