package dev.portico.users.domain;

import dev.portico.users.domain.PortalUserRepository.Counts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/**
 * The users list's counts per portal and user type, kept by the database (V5: each statement that changes
 * portal_user adds its net change as a new row of {@code listed_user_count}) and read as the sum of a few rows,
 * whatever the portal's size. {@link #compact()} folds each key's rows into one, so that sum stays short.
 */
@ApplicationScoped
public class ListedUserCounts {

    private static final String SUMS = "select coalesce(sum(listed), 0), coalesce(sum(active), 0), "
            + "coalesce(sum(confirmed), 0), coalesce(sum(deactivated), 0) from listed_user_count "
            + "where portal_id = ? and org_id = ?";

    @Inject
    Sql sql;

    /** The filter chips of a portal, or of one of its user types ({@code userTypeId} null: all of them). */
    public Counts of(String orgId, UUID portalId, UUID userTypeId) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(SUMS + (userTypeId == null ? "" : " and user_type_id = ?"))) {
                ps.setObject(1, portalId);
                ps.setString(2, orgId);
                if (userTypeId != null) {
                    ps.setObject(3, userTypeId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long active = rs.getLong(2);
                    long confirmed = rs.getLong(3);
                    return new Counts(rs.getLong(1), active, confirmed, active - confirmed, rs.getLong(4));
                }
            }
        });
    }

    /** How many listed users a state filter matches, exactly (the list's {@code total} when nothing is searched). */
    public long total(String orgId, UUID portalId, UserFilter filter) {
        Counts counts = of(orgId, portalId, filter.userTypeId());
        return switch (filter.stateOrAll()) {
            case ALL -> counts.all();
            case ACTIVE -> counts.active();
            case CONFIRMED -> counts.confirmed();
            case UNCONFIRMED -> counts.unconfirmed();
            case DEACTIVATED -> counts.deactivated();
        };
    }

    /**
     * Folds every key's rows into one, in one statement: the rows it deletes are those its snapshot sees, and it
     * inserts their sum, so a count read before or after is the same; rows other transactions add meanwhile stay
     * as they are. Two replicas compacting at once each fold only what they deleted.
     */
    @Scheduled(every = "${portico.users.counts-compaction-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void compact() {
        QuarkusTransaction.requiringNew().run(() -> sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    with folded as (
                        select portal_id, user_type_id from listed_user_count
                        group by portal_id, user_type_id having count(*) > 1),
                    gone as (
                        delete from listed_user_count c using folded f
                        where c.portal_id = f.portal_id and c.user_type_id = f.user_type_id returning c.*)
                    insert into listed_user_count
                    select portal_id, user_type_id, min(org_id), sum(listed), sum(active), sum(confirmed),
                           sum(deactivated)
                    from gone group by portal_id, user_type_id""")) {
                return ps.executeUpdate();
            }
        }));
    }
}
