package dev.portico.users.service;

import dev.portico.events.InviteSource;
import dev.portico.kit.tx.AfterCommit;
import dev.portico.users.domain.BulkJob;
import dev.portico.users.domain.JobItem;
import dev.portico.users.domain.JobRepository;
import dev.portico.users.settings.UsersConfig;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Works through a job's items after the request that started it has committed: chunk by chunk, each chunk one
 * transaction holding the job's claim, an advisory lock (so one runner per job across replicas). A job whose
 * runner died (crash, restart) is picked up again by the scheduler; the items already handled are not handled
 * again.
 */
@ApplicationScoped
public class JobRunner {

    @Inject
    JobRepository jobs;

    @Inject
    MembershipGate gate;

    @Inject
    UserActions actions;

    @Inject
    UsersConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Clock clock;

    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "job-runner");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** Runs the job once the current transaction commits. */
    public void runAfterCommit(UUID jobId) {
        AfterCommit.run(transactions, () -> submit(jobId));
    }

    void submit(UUID jobId) {
        if (!stopping && running.add(jobId)) {
            executor.execute(() -> {
                try {
                    run(jobId);
                } finally {
                    running.remove(jobId);
                }
            });
        }
    }

    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void resumeStalled() {
        List<UUID> stalled = QuarkusTransaction.requiringNew()
                .call(() -> jobs.stalled(Instant.now(clock).minus(config.stalledJobAfter()), 20));
        stalled.forEach(this::submit);
    }

    void run(UUID jobId) {
        try {
            while (!stopping && QuarkusTransaction.requiringNew().call(() -> runChunk(jobId))) {
                // next chunk
            }
        } catch (RuntimeException e) {
            Log.warnf("Job %s stopped on a failure and will be resumed: %s", jobId, e.toString());
        }
    }

    /** Handles the next chunk of the job; false when there is nothing (more) to do for this runner. */
    boolean runChunk(UUID jobId) {
        BulkJob job = jobs.lockForRun(jobId).orElse(null);
        if (job == null || job.gated()) {
            return false;
        }
        Instant now = Instant.now(clock);
        List<JobItem> items = jobs.ungated(jobId, config.gateChunk());
        if (items.isEmpty()) {
            jobs.markGated(jobId, now);
            return false;
        }
        if (job.action() == BulkJob.Action.INVITE) {
            invite(job, items, now);
        } else {
            actions.apply(job, items, now);
        }
        return true;
    }

    private void invite(BulkJob job, List<JobItem> items, Instant now) {
        MembershipGate.Invite invite = new MembershipGate.Invite(job.orgId(), job.portalId(), job.module(),
                job.userTypeId(), job.seatLimit(), InviteSource.BULK, null, job.language(), job.id());
        List<MembershipGate.Decision> decisions = gate.admit(invite, items.stream().map(JobItem::recordId).toList(), now);
        List<JobItem> decided = new java.util.ArrayList<>(items.size());
        int failed = 0;
        for (int i = 0; i < items.size(); i++) {
            JobItem item = items.get(i);
            MembershipGate.Decision d = decisions.get(i);
            String name = d.record() == null ? null : d.record().name();
            String email = d.record() == null ? null : d.record().email();
            if (d.reserved()) {
                decided.add(new JobItem(item.jobId(), item.itemNo(), item.recordId(), d.user().id(), name, email,
                        JobItem.Outcome.PENDING, null, null));
            } else {
                failed++;
                decided.add(new JobItem(item.jobId(), item.itemNo(), item.recordId(), null, name, email,
                        JobItem.Outcome.FAILED, d.reason().name(), d.message()));
            }
        }
        jobs.gate(decided, now);
        if (failed > 0) {
            jobs.count(job.id(), 0, failed, now);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
