package dev.portico.invitations.service;

import dev.portico.events.ConfigEvent;
import dev.portico.events.FailureReason;
import dev.portico.events.InvitationEvent;
import dev.portico.invitations.config.InvitationConfig;
import dev.portico.invitations.domain.Invitation;
import dev.portico.invitations.domain.InvitationRepository;
import dev.portico.invitations.messaging.InvitationEvents;
import dev.portico.kit.directory.ConfigDirectory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.TemplateException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends pending invitations. A worker claims due invitations ({@code FOR UPDATE SKIP LOCKED}), gives each a fresh
 * token (only its hash is stored), renders it and records the attempt, all in one transaction; then
 * {@code parallelism} senders mail them over the mailer's pooled, kept-alive SMTP connections. Each sender
 * records the outcome (SENT and its event) before it sends its next mail, so after a crash at most one mail per
 * connection can have been accepted by the server without being recorded. The {@link DeliveryJournal} narrows
 * that further: the claim, and the server's acceptance the moment it arrives, are appended to a local file, and
 * the next process settles a dead one's attempts from it (accepted → SENT, not sent again; claimed → due at once).
 * Only a crash between the server's reply and that write, or a lost journal, leaves a mail to be sent again,
 * with the same Message-ID ({@code <invitation id>@domain}), once its attempt's lease runs out.
 * Transient SMTP failures (4xx replies, the server unreachable) retry with exponential backoff until the retry
 * window closes; 5xx replies and a closed window fail the invitation DELIVERY_FAILED with the server's reply.
 */
@ApplicationScoped
public class MailDelivery {

    private static final Object WAKE_KEY = new Object();

    @Inject
    InvitationRepository invitations;

    @Inject
    EntityManager em;

    @Inject
    ReactiveMailer mailer;

    /** How long a send may wait for the server's answer (the blocking mailer's own setting). */
    @ConfigProperty(name = "quarkus.mailer.timeout", defaultValue = "10s")
    Duration sendTimeout;

    @Inject
    DeliveryJournal journal;

    @Inject
    InvitationTemplates templates;

    @Inject
    ConfigDirectory directory;

    @Inject
    InvitationEvents events;

    @Inject
    InvitationConfig config;

    @Inject
    Clock clock;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry metrics;

    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong nextSlot = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Claimed invitations whose sending has not started: handed back at shutdown. */
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile boolean recording;
    private Thread recorder;
    private volatile Instant pausedUntil = Instant.EPOCH;
    private Thread worker;
    private ExecutorService senders;
    private Counter sent;
    private Counter retried;
    private Counter failed;

    record Outgoing(UUID id, int attempt, Mail mail) {
    }

    /** How often the worker looks for the journals of processes that died (at start, then at most this often). */
    private static final Duration ORPHAN_SCAN = Duration.ofSeconds(30);

    /** A send's outcome: the error, or when the server accepted the mail (null: unknown, record time counts). */
    record Outcome(UUID id, RuntimeException error, Instant acceptedAt, CompletableFuture<Void> recorded) {
    }

    /** An invitation whose mail the server accepted, and when. */
    private record Delivered(Invitation row, Instant at) {
    }

    void start(@Observes StartupEvent event) {
        sent = metrics.counter("portico.invitations.mail", "outcome", "sent");
        retried = metrics.counter("portico.invitations.mail", "outcome", "retry");
        failed = metrics.counter("portico.invitations.mail", "outcome", "failed");
        AtomicInteger n = new AtomicInteger();
        senders = Executors.newFixedThreadPool(config.delivery().parallelism(), r -> {
            Thread t = new Thread(r, "invitation-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        recording = true;
        recorder = new Thread(this::recordLoop, "invitation-outcomes");
        recorder.setDaemon(true);
        recorder.start();
        running = true;
        worker = new Thread(this::loop, "invitation-delivery");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.release();
        if (worker != null) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (senders != null) {
            senders.shutdown();
            try {
                senders.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            senders.shutdownNow();
        }
        recording = false;
        if (recorder != null) {
            try {
                recorder.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseQueued();
        journal.close();
    }

    /** Claimed invitations that were never sent are due again at once, instead of after their lease. */
    private void releaseQueued() {
        List<UUID> ids = new ArrayList<>(queued);
        if (ids.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createQuery(
                    "update Invitation set sendingSince = null, tokenHash = null where id in :ids and status = :pending")
                    .setParameter("ids", ids).setParameter("pending", Invitation.Status.PENDING).executeUpdate());
        } catch (RuntimeException e) {
            Log.warnf("%d claimed invitations stay claimed until their lease ends: %s", ids.size(), e.toString());
        }
    }

    /** Wakes the worker once the caller's transaction (which added pending invitations) commits. */
    public void wakeAfterCommit() {
        if (transactions.getResource(WAKE_KEY) != null) {
            return;
        }
        transactions.putResource(WAKE_KEY, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED && wakeUp.availablePermits() == 0) {
                    wakeUp.release();
                }
            }
        });
    }

    private void loop() {
        Duration backoff = config.delivery().initialBackoff();
        int batchSize = config.delivery().batchSize();
        Instant nextOrphanScan = Instant.EPOCH;
        while (running) {
            try {
                if (!Instant.now(clock).isBefore(nextOrphanScan)) {
                    settleOrphans();
                    nextOrphanScan = Instant.now(clock).plus(ORPHAN_SCAN);
                }
                Duration pause = Duration.between(Instant.now(clock), pausedUntil);
                if (!pause.isNegative() && !pause.isZero()) {
                    sleep(pause);
                    continue;
                }
                // keep the senders fed: claim more while the claimed-but-unsent backlog is under one batch
                int room = 2 * batchSize - inFlight.get();
                if (room < batchSize) {
                    sleep(config.delivery().pollInterval());
                    continue;
                }
                List<Outgoing> batch = QuarkusTransaction.requiringNew().call(() -> claim(room));
                if (batch.isEmpty()) {
                    sleep(config.delivery().pollInterval());
                    continue;
                }
                DeliveryJournal.Segment segment = journal.claimed(batch.stream()
                        .collect(Collectors.toMap(Outgoing::id, Outgoing::attempt)));
                for (Outgoing outgoing : batch) {
                    inFlight.incrementAndGet();
                    queued.add(outgoing.id());
                    senders.submit(() -> {
                        try {
                            // after shutdown began, leave it queued: it is handed back unsent
                            if (running && queued.remove(outgoing.id())) {
                                send(outgoing, segment);
                            }
                        } finally {
                            if (inFlight.decrementAndGet() == batchSize) {
                                wakeUp.release();
                            }
                        }
                    });
                }
                backoff = config.delivery().initialBackoff();
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                Log.warnf("Invitation delivery round failed, retrying in %s: %s", backoff, e.toString());
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), config.delivery().maxBackoff());
            }
        }
    }

    /** Claims due invitations, gives each a token and renders its mail; the attempt commits before any send. */
    List<Outgoing> claim(int limit) {
        Instant now = Instant.now(clock);
        List<Invitation> due = invitations.claimDue(now, now.minus(config.delivery().lease()),
                Math.min(limit, config.delivery().batchSize()));
        Map<String, Optional<ConfigEvent.Portal>> portals = new HashMap<>();
        Map<String, InvitationTemplates.Content> contents = new HashMap<>();
        List<Outgoing> outgoing = new ArrayList<>(due.size());
        List<InvitationRepository.Attempt> attempts = new ArrayList<>(due.size());
        for (Invitation i : due) {
            Optional<ConfigEvent.Portal> portal = portals.computeIfAbsent(i.orgId + "/" + i.portalId,
                    k -> directory.portal(i.orgId, i.portalId));
            if (!Eligibility.open(portal.orElse(null))) {
                Eligibility.Failure failure = Eligibility.portalUnavailable(portal.orElse(null));
                fail(i, failure.reason(), failure.message(), now);
                continue;
            }
            Tokens.Token token = Tokens.generate();
            int days = portal.get().invitationExpiryDays() > 0 ? portal.get().invitationExpiryDays() : 7;
            Instant expiresAt = now.plus(Duration.ofDays(days));
            int attempt = i.attempts + 1;
            // recorded for the whole batch in one statement below, not through the entity
            attempts.add(new InvitationRepository.Attempt(i.id, attempt, token.hash(), expiresAt, portal.get().url()));
            String link = acceptLink(portal.get().url(), token.value());
            InvitationTemplates.MailData data = new InvitationTemplates.MailData(i.name, i.email,
                    portal.get().name(), link, days, expiresAt);
            InvitationTemplates.Content content;
            try {
                InvitationTemplates.Content template = contents.computeIfAbsent(
                        i.orgId + "/" + i.portalId + "/" + i.language,
                        k -> templates.effective(i.orgId, i.portalId, i.language));
                content = templates.render(template, i.language, data);
            } catch (TemplateException e) {
                Log.warnf("Portal %s's %s template does not render (%s); the built-in one is used", i.portalId,
                        i.language, e.getMessage());
                content = templates.render(templates.builtIn(i.language), i.language, data);
            }
            Mail mail = Mail.withHtml(i.email, content.subject(), content.html()).setText(content.text());
            mail.addHeader("Message-ID", "<" + i.id + "@" + config.messageIdDomain() + ">");
            outgoing.add(new Outgoing(i.id, attempt, mail));
        }
        invitations.startAttempts(attempts, now);
        return outgoing;
    }

    static String acceptLink(String portalUrl, String token) {
        String base = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
        return URI.create(base + "/accept?token=" + token).toString();
    }

    /**
     * Sends one mail and waits until its outcome is committed: this sender's next mail goes out only after that,
     * which is what bounds the unrecorded mails to one per connection. The server's acceptance goes to the journal
     * on the thread that reads the reply, before anything else happens.
     */
    private void send(Outgoing outgoing, DeliveryJournal.Segment segment) {
        throttle();
        RuntimeException error = null;
        AtomicReference<Instant> acceptedAt = new AtomicReference<>();
        try {
            mailer.send(outgoing.mail()).invoke(() -> {
                Instant at = Instant.now(clock);
                acceptedAt.set(at);
                if (segment != null) {
                    segment.accepted(outgoing.id(), outgoing.attempt(), at);
                }
            }).await().atMost(sendTimeout);
        } catch (RuntimeException e) {
            error = e;
        }
        Outcome outcome = new Outcome(outgoing.id(), error, error == null ? acceptedAt.get() : null,
                new CompletableFuture<>());
        outcomes.add(outcome);
        try {
            outcome.recorded().get();
            if (segment != null) {
                segment.settle();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            Log.warnf("Outcome of invitation %s not recorded: %s", outgoing.id(), e.getCause().toString());
        }
    }

    /** Records the outcomes of all senders together: one transaction for whatever has come in meanwhile. */
    private void recordLoop() {
        Duration backoff = config.delivery().initialBackoff();
        while (recording || !outcomes.isEmpty()) {
            List<Outcome> batch = new ArrayList<>();
            try {
                Outcome first = outcomes.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                outcomes.drainTo(batch, 999);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            while (true) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> record(batch));
                    batch.forEach(o -> o.recorded().complete(null));
                    backoff = config.delivery().initialBackoff();
                    break;
                } catch (RuntimeException e) {
                    if (!recording) {
                        batch.forEach(o -> o.recorded().completeExceptionally(e));
                        break;
                    }
                    // the database is away: senders wait (nothing more is sent) until the outcomes are recorded
                    Log.warnf("Recording %d mail outcomes failed, retrying in %s: %s", batch.size(), backoff, e.toString());
                    try {
                        TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backoff = min(backoff.multipliedBy(2), config.delivery().maxBackoff());
                }
            }
        }
    }

    /**
     * Records outcomes, the rows locked first: a revocation (reinvite, removal) that commits meanwhile is waited
     * for and seen, instead of being overwritten by the SENT of a row read before it.
     */
    void record(List<Outcome> batch) {
        Map<UUID, Invitation> rows = new HashMap<>();
        invitations.lockAll(batch.stream().map(Outcome::id).toList()).forEach(i -> rows.put(i.id, i));
        Instant now = Instant.now(clock);
        List<Delivered> delivered = new ArrayList<>();
        for (Outcome outcome : batch) {
            Invitation i = rows.get(outcome.id());
            if (i == null || i.status != Invitation.Status.PENDING) {
                if (i != null && outcome.error() == null) {
                    deliveredAfterRevocation(i, outcome.acceptedAt() == null ? now : outcome.acceptedAt());
                }
                continue; // revoked while in flight
            }
            if (outcome.error() == null) {
                delivered.add(new Delivered(i, outcome.acceptedAt() == null ? now : outcome.acceptedAt()));
            } else {
                failedAttempt(i, outcome.error(), now);
            }
        }
        delivered(delivered);
    }

    /**
     * Settles the attempts of processes that died, from their journals: a mail the server accepted is recorded
     * SENT (not sent a second time), an attempt without acceptance is due again at once (not after its lease).
     * An attempt claimed again since (another attempt number) or settled otherwise is left alone.
     */
    public void settleOrphans() {
        for (DeliveryJournal.Orphan orphan : journal.orphans()) {
            int[] settled = new int[2];
            try {
                List<DeliveryJournal.Attempt> attempts = orphan.attempts();
                for (int from = 0; from < attempts.size(); from += 1000) {
                    List<DeliveryJournal.Attempt> chunk = attempts.subList(from, Math.min(attempts.size(), from + 1000));
                    int[] counts = QuarkusTransaction.requiringNew().call(() -> settle(chunk));
                    settled[0] += counts[0];
                    settled[1] += counts[1];
                }
            } catch (RuntimeException e) {
                orphan.keep();
                throw e;
            }
            orphan.settled();
            if (settled[0] + settled[1] > 0) {
                Log.infof("Settled the delivery journal of a process that stopped (%s): %d mails the server had "
                        + "accepted recorded SENT, %d unfinished attempts due again", orphan.path().getFileName(),
                        settled[0], settled[1]);
                wakeUp.release();
            }
        }
    }

    /** Settles these attempts; returns how many were recorded SENT and how many made due again. */
    private int[] settle(List<DeliveryJournal.Attempt> attempts) {
        Map<UUID, DeliveryJournal.Attempt> byId = new HashMap<>();
        attempts.forEach(a -> byId.put(a.id(), a));
        int[] counts = new int[2];
        List<Delivered> accepted = new ArrayList<>();
        for (Invitation i : invitations.lockAll(byId.keySet())) {
            DeliveryJournal.Attempt attempt = byId.get(i.id);
            if (i.attempts != attempt.attempt()) {
                continue;
            }
            if (i.status != Invitation.Status.PENDING) {
                if (attempt.accepted()) {
                    deliveredAfterRevocation(i, attempt.acceptedAt());
                }
                continue;
            }
            if (attempt.accepted()) {
                accepted.add(new Delivered(i, attempt.acceptedAt()));
                counts[0]++;
            } else if (i.sendingSince != null) {
                i.sendingSince = null;
                i.tokenHash = null;
                counts[1]++;
            }
        }
        delivered(accepted);
        return counts;
    }

    /**
     * Pending invitations (locked) whose mail the server accepted: SENT as of that moment, each with its event, in
     * one statement for all of them (the entities stay as read: nothing reads them again in this transaction).
     */
    private void delivered(List<Delivered> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<UUID, Instant> sentAt = new LinkedHashMap<>();
        for (Delivered d : rows) {
            events.publish(InvitationEvent.Type.SENT, d.row(), d.at());
            sentAt.put(d.row().id, d.at());
        }
        invitations.markSent(sentAt);
        sent.increment(rows.size());
    }

    /**
     * A mail the server accepted after its invitation was revoked (a reinvite or removal raced the send): the log
     * shows that it went out, and that its link is dead.
     */
    private static void deliveredAfterRevocation(Invitation i, Instant at) {
        if (i.status == Invitation.Status.REVOKED && i.sentAt == null) {
            i.sentAt = at;
            i.failureMessage = "Replaced while its mail was being sent: by a newer invitation, or the user was removed "
                    + "or deactivated. The mail was delivered, but its link no longer works; the newer invitation, if "
                    + "any, is the one that counts.";
        }
    }

    private void failedAttempt(Invitation i, RuntimeException error, Instant now) {
        Optional<SMTPException> smtp = smtpReply(error);
        String reply = smtp.map(s -> s.getReplyCode() + " " + String.join(" ", s.getReplyMessages()).strip())
                .orElseGet(() -> rootMessage(error));
        boolean permanent = smtp.map(SMTPException::isPermanent).orElse(false)
                || rootCause(error) instanceof IllegalArgumentException;
        if (permanent) {
            fail(i, FailureReason.DELIVERY_FAILED, "The mail server refused the invitation: " + reply
                    + ". Check the e-mail address, then invite the record again.", now);
            return;
        }
        if (!now.isBefore(i.createdAt.plus(config.delivery().retryWindow()))) {
            fail(i, FailureReason.DELIVERY_FAILED, "The invitation could not be delivered within "
                    + config.delivery().retryWindow().toString().substring(2).toLowerCase() + ": " + reply
                    + ". Check the mail server settings, then invite the record again.", now);
            return;
        }
        Duration backoff = config.delivery().initialBackoff();
        for (int k = 1; k < i.attempts && backoff.compareTo(config.delivery().maxBackoff()) < 0; k++) {
            backoff = backoff.multipliedBy(2);
        }
        backoff = min(backoff, config.delivery().maxBackoff());
        i.nextAttemptAt = now.plus(backoff);
        i.sendingSince = null;
        i.tokenHash = null;
        i.lastError = reply;
        retried.increment();
        // the server is likely down for everyone: hold all sending back a little instead of failing mail after mail
        Instant hold = now.plus(config.delivery().initialBackoff());
        if (hold.isAfter(pausedUntil)) {
            pausedUntil = hold;
        }
        Log.debugf("Invitation %s not delivered (attempt %d), next attempt in %s: %s", i.id, i.attempts, backoff, reply);
    }

    private void fail(Invitation i, FailureReason reason, String message, Instant now) {
        i.status = Invitation.Status.FAILED;
        i.failureReason = reason.name();
        i.failureMessage = message;
        i.failedAt = now;
        i.sendingSince = null;
        i.tokenHash = null;
        events.publish(InvitationEvent.Type.FAILED, i, now);
        failed.increment();
    }

    private void throttle() {
        int rate = config.delivery().ratePerSecond();
        if (rate <= 0) {
            return;
        }
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long now = System.nanoTime();
        long slot = nextSlot.getAndUpdate(next -> Math.max(next, now) + interval);
        long wait = Math.max(slot, now) - now;
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Optional<SMTPException> smtpReply(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return Optional.of(smtp);
            }
        }
        return Optional.empty();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = rootCause(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private void sleep(Duration duration) {
        try {
            wakeUp.tryAcquire(Math.max(1, duration.toMillis()), TimeUnit.MILLISECONDS);
            wakeUp.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
