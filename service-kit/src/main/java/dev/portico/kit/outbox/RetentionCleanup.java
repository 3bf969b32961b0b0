package dev.portico.kit.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Deletes sent outbox rows older than {@code portico.outbox.retention} and dedupe rows
 * ({@code processed_event}) older than {@code portico.outbox.processed-event-retention}, at most
 * {@code portico.outbox.cleanup-batch-size} rows per statement, each statement committed on its own, apart
 * from the relay's sending transaction. Replicas may run it at the same time: rows another one is deleting
 * are skipped.
 */
@ApplicationScoped
@IfBuildProperty(name = "portico.kit.persistence.enabled", stringValue = "true", enableIfMissing = true)
public class RetentionCleanup {

    @Inject
    DataSource dataSource;

    @Inject
    OutboxConfig config;

    /** What one run deleted, and in how many statements. */
    public record Result(long outboxRows, long processedEventRows, int statements) {
    }

    @Scheduled(every = "${portico.outbox.cleanup-interval:1m}", delayed = "${portico.outbox.cleanup-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Result result = run();
            if (result.outboxRows() + result.processedEventRows() > 0) {
                Log.debugf("Retention clean-up deleted %d outbox and %d processed-event rows", result.outboxRows(),
                        result.processedEventRows());
            }
        } catch (SQLException e) {
            Log.warnf("Retention clean-up failed, next run in %s: %s", config.cleanupInterval(), e.toString());
        }
    }

    public Result run() throws SQLException {
        int[] statements = {0};
        long outbox = deleteInBatches("delete from outbox where id in (select id from outbox "
                + "where sent_at < now() - make_interval(secs => ?) limit ? for update skip locked)",
                config.retention(), statements);
        long processed = deleteInBatches("delete from processed_event where ctid in (select ctid from processed_event "
                + "where processed_at < now() - make_interval(secs => ?) limit ? for update skip locked)",
                config.processedEventRetention(), statements);
        return new Result(outbox, processed, statements[0]);
    }

    private long deleteInBatches(String sql, Duration retention, int[] statements) throws SQLException {
        int batch = config.cleanupBatchSize();
        long total = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            delete.setDouble(1, retention.toMillis() / 1000.0);
            delete.setInt(2, batch);
            int deleted;
            do {
                deleted = delete.executeUpdate();
                statements[0]++;
                total += deleted;
            } while (deleted == batch);
        }
        return total;
    }
}
