package dev.portico.users.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.users.World;
import dev.portico.users.domain.BulkJob;
import dev.portico.users.domain.JobItem;
import dev.portico.users.domain.JobRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A job row that is busy (an outcome consumer counting on it) is not a job another runner holds: the runner
 * goes on with its chunk instead of leaving the job to the stall scheduler.
 */
@QuarkusTest
class JobClaimTest {

    @Inject
    World world;

    @Inject
    JobRepository jobs;

    @Inject
    JobRunner runner;

    @Inject
    DataSource dataSource;

    @Test
    void aRunnerWorksOnWhileConsumersHoldTheJobRow() throws Exception {
        World.Org org = world.org(null);
        UUID jobId = UUID.randomUUID();
        Instant now = Instant.now();
        BulkJob job = new BulkJob(jobId, org.id, org.portalId, BulkJob.Action.INVITE, BulkJob.Status.RUNNING, "Contacts",
                null, org.userTypeId, null, 2, 0, 0, false, null, null, "test", now, null);
        List<JobItem> items = List.of(
                new JobItem(jobId, 1, "ghost-" + UUID.randomUUID(), null, null, null, JobItem.Outcome.PENDING, null, null),
                new JobItem(jobId, 2, "ghost-" + UUID.randomUUID(), null, null, null, JobItem.Outcome.PENDING, null, null));
        QuarkusTransaction.requiringNew().run(() -> jobs.insert(job, items, now));

        // an outcome consumer's transaction holds the job row for a moment
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> consumer = CompletableFuture.runAsync(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("select 1 from bulk_job where id = ? for update")) {
                    ps.setObject(1, jobId);
                    ps.executeQuery().close();
                }
                locked.countDown();
                TimeUnit.MILLISECONDS.sleep(1000);
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(QuarkusTransaction.requiringNew().call(() -> runner.runChunk(jobId)))
                .as("the runner handled the chunk").isTrue();
        consumer.get(10, TimeUnit.SECONDS);
        assertThat(QuarkusTransaction.requiringNew().call(() -> runner.runChunk(jobId))).isFalse();
        BulkJob done = QuarkusTransaction.requiringNew().call(() -> jobs.find(org.id, jobId).orElseThrow());
        assertThat(done.status()).isEqualTo(BulkJob.Status.COMPLETED);
        assertThat(done.failed()).isEqualTo(2);
    }
}
