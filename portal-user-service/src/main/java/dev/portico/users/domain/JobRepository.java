package dev.portico.users.domain;

import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Bulk jobs and their items. Counters move only when an item leaves PENDING, so nothing counts twice. */
@ApplicationScoped
public class JobRepository {

    private static final String JOB_COLUMNS = "id, org_id, portal_id, action, status, module, seat_limit, user_type_id, "
            + "language, total, "
            + "succeeded, failed, gated, idempotency_key, request_hash, created_by, created_at, completed_at";
    private static final String ITEM_COLUMNS = "job_id, item_no, record_id, user_id, name, email, outcome, reason, message";

    @Inject
    Sql sql;

    public void insert(BulkJob job, List<JobItem> items, Instant now) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into bulk_job (" + JOB_COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, job.id());
                ps.setString(2, job.orgId());
                ps.setObject(3, job.portalId());
                ps.setString(4, job.action().name());
                ps.setString(5, job.status().name());
                ps.setString(6, job.module());
                ps.setObject(7, job.seatLimit());
                ps.setObject(8, job.userTypeId());
                ps.setString(9, job.language());
                ps.setInt(10, job.total());
                ps.setInt(11, job.succeeded());
                ps.setInt(12, job.failed());
                ps.setBoolean(13, job.gated());
                ps.setString(14, job.idempotencyKey());
                ps.setString(15, job.requestHash());
                ps.setString(16, job.createdBy());
                ps.setTimestamp(17, ts(job.createdAt()));
                ps.setTimestamp(18, ts(job.completedAt()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into job_item (" + ITEM_COLUMNS
                    + ", gated, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (JobItem item : items) {
                    ps.setObject(1, item.jobId());
                    ps.setInt(2, item.itemNo());
                    ps.setString(3, item.recordId());
                    ps.setObject(4, item.userId());
                    ps.setString(5, item.name());
                    ps.setString(6, item.email());
                    ps.setString(7, item.outcome().name());
                    ps.setString(8, item.reason());
                    ps.setString(9, item.message());
                    ps.setBoolean(10, item.outcome() != JobItem.Outcome.PENDING);
                    ps.setTimestamp(11, ts(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public Optional<BulkJob> find(String orgId, UUID jobId) {
        return one("select " + JOB_COLUMNS + " from bulk_job where org_id = ? and id = ?", orgId, jobId);
    }

    /**
     * The job, for its runner; empty when another runner holds it (or it does not exist). The runner's claim is a
     * transaction-scoped advisory lock, not the row lock: consumers that count outcomes update the job row at the
     * same time, and a busy row must not look like a job someone else is running.
     */
    public Optional<BulkJob> lockForRun(UUID jobId) {
        boolean claimed = sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?, hashtext(?))")) {
                ps.setInt(1, 0x4a4f4252); // "JOBR"
                ps.setString(2, jobId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
        return claimed ? one("select " + JOB_COLUMNS + " from bulk_job where id = ?", null, jobId) : Optional.empty();
    }

    public Optional<BulkJob> byIdempotencyKey(String orgId, String key) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + JOB_COLUMNS
                    + " from bulk_job where org_id = ? and idempotency_key = ?")) {
                ps.setString(1, orgId);
                ps.setString(2, key);
                return readJobs(ps).stream().findFirst();
            }
        });
    }

    /** Frees a key whose window has passed, so that it can start a new job. */
    public void forgetIdempotencyKey(UUID jobId) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("update bulk_job set idempotency_key = null where id = ?")) {
                ps.setObject(1, jobId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Page<BulkJob> page(String orgId, UUID portalId, PageRequest page) {
        return sql.run(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*) from bulk_job where org_id = ? and portal_id = ?")) {
                ps.setString(1, orgId);
                ps.setObject(2, portalId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select " + JOB_COLUMNS + " from bulk_job where org_id = ? "
                    + "and portal_id = ? order by created_at desc, id limit ? offset ?")) {
                ps.setString(1, orgId);
                ps.setObject(2, portalId);
                ps.setInt(3, page.size);
                ps.setInt(4, page.offset());
                return new Page<>(readJobs(ps), page.page, page.size, total);
            }
        });
    }

    /** Jobs whose gate did not finish (their runner died), oldest first. */
    public List<UUID> stalled(Instant before, int limit) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from bulk_job where not gated and created_at < ? order by created_at limit ?")) {
                ps.setTimestamp(1, ts(before));
                ps.setInt(2, limit);
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    public Page<JobItem> items(UUID jobId, JobItem.Outcome outcome, PageRequest page) {
        return sql.run(c -> {
            String where = " from job_item where job_id = ?" + (outcome == null ? "" : " and outcome = ?");
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*)" + where)) {
                ps.setObject(1, jobId);
                if (outcome != null) {
                    ps.setString(2, outcome.name());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select " + ITEM_COLUMNS + where
                    + " order by item_no limit ? offset ?")) {
                int i = 1;
                ps.setObject(i++, jobId);
                if (outcome != null) {
                    ps.setString(i++, outcome.name());
                }
                ps.setInt(i++, page.size);
                ps.setInt(i, page.offset());
                return new Page<>(readItems(ps), page.page, page.size, total);
            }
        });
    }

    /** The next items the gate has not handled yet. */
    public List<JobItem> ungated(UUID jobId, int limit) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + ITEM_COLUMNS
                    + " from job_item where job_id = ? and not gated order by item_no limit ?")) {
                ps.setObject(1, jobId);
                ps.setInt(2, limit);
                return readItems(ps);
            }
        });
    }

    /** Records the gate's decision on items (user, name, e-mail, and FAILED with a reason, or still PENDING). */
    public void gate(List<JobItem> items, Instant now) {
        if (items.isEmpty()) {
            return;
        }
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update job_item set user_id = ?, name = ?, email = ?, outcome = ?, reason = ?, message = ?,
                        gated = true, updated_at = ? where job_id = ? and item_no = ?""")) {
                for (JobItem item : items) {
                    ps.setObject(1, item.userId());
                    ps.setString(2, item.name());
                    ps.setString(3, item.email());
                    ps.setString(4, item.outcome().name());
                    ps.setString(5, item.reason());
                    ps.setString(6, item.message());
                    ps.setTimestamp(7, ts(now));
                    ps.setObject(8, item.jobId());
                    ps.setInt(9, item.itemNo());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Settles the PENDING items of these (job, user) pairs; returns, per job, how many items it settled as
     * {succeeded, failed}. An item already settled is left alone, so a redelivered outcome changes nothing.
     */
    public Map<UUID, int[]> settle(List<Settlement> settlements, Instant now) {
        Map<UUID, int[]> settled = new HashMap<>();
        if (settlements.isEmpty()) {
            return settled;
        }
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update job_item set outcome = ?, reason = ?, message = ?, updated_at = ?
                    where job_id = ? and user_id = ? and outcome = 'PENDING' and gated""")) {
                for (Settlement s : settlements) {
                    ps.setString(1, s.outcome().name());
                    ps.setString(2, s.reason());
                    ps.setString(3, s.message());
                    ps.setTimestamp(4, ts(now));
                    ps.setObject(5, s.jobId());
                    ps.setObject(6, s.userId());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        Settlement s = settlements.get(i);
                        settled.computeIfAbsent(s.jobId(), k -> new int[2])[s.outcome() == JobItem.Outcome.SUCCEEDED ? 0 : 1]++;
                    }
                }
            }
            return null;
        });
        return settled;
    }

    public record Settlement(UUID jobId, UUID userId, JobItem.Outcome outcome, String reason, String message) {
    }

    /** Adds to a job's counters and completes it once every item has an outcome and the gate is done. */
    public void count(UUID jobId, int succeeded, int failed, Instant now) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update bulk_job set succeeded = succeeded + ?, failed = failed + ?,
                        status = case when gated and succeeded + ? + failed + ? >= total then 'COMPLETED' else status end,
                        completed_at = case when gated and succeeded + ? + failed + ? >= total and completed_at is null
                                            then ? else completed_at end
                    where id = ?""")) {
                ps.setInt(1, succeeded);
                ps.setInt(2, failed);
                ps.setInt(3, succeeded);
                ps.setInt(4, failed);
                ps.setInt(5, succeeded);
                ps.setInt(6, failed);
                ps.setTimestamp(7, ts(now));
                ps.setObject(8, jobId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void markGated(UUID jobId, Instant now) {
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update bulk_job set gated = true,
                        status = case when succeeded + failed >= total then 'COMPLETED' else status end,
                        completed_at = case when succeeded + failed >= total then ? else completed_at end
                    where id = ?""")) {
                ps.setTimestamp(1, ts(now));
                ps.setObject(2, jobId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private Optional<BulkJob> one(String query, String orgId, UUID id) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                int i = 1;
                if (orgId != null) {
                    ps.setString(i++, orgId);
                }
                ps.setObject(i, id);
                return readJobs(ps).stream().findFirst();
            }
        });
    }

    private static List<BulkJob> readJobs(PreparedStatement ps) throws SQLException {
        List<BulkJob> jobs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                jobs.add(new BulkJob(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        BulkJob.Action.valueOf(rs.getString(4)), BulkJob.Status.valueOf(rs.getString(5)),
                        rs.getString(6), (Integer) rs.getObject(7), rs.getObject(8, UUID.class), rs.getString(9),
                        rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getBoolean(13), rs.getString(14),
                        rs.getString(15), rs.getString(16), PortalUserRepository.instant(rs, 17),
                        PortalUserRepository.instant(rs, 18)));
            }
        }
        return jobs;
    }

    private static List<JobItem> readItems(PreparedStatement ps) throws SQLException {
        List<JobItem> items = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.add(new JobItem(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                        JobItem.Outcome.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9)));
            }
        }
        return items;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
