package dev.portico.kit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.PorticoEvent;
import dev.portico.kit.web.RequestIds;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How every Portico consumer applies what it reads:
 * <ul>
 * <li>each attempt runs in a transaction of its own, together with the consumer's dedupe row
 * ({@link ProcessedEvents}), so a redelivery after a crash is a no-op;</li>
 * <li><b>transient</b> failures (database or broker unreachable, lock and serialization conflicts) are
 * retried with exponential backoff for as long as they last; the record is not acknowledged meanwhile, so
 * its partition waits rather than skipping ahead;</li>
 * <li><b>poison</b> (a record that cannot be read, or that the consumer refuses with
 * {@link PoisonMessageException} or a validation error) goes to {@code <topic>.dlq} at once, and so does a
 * record whose unexpected failure repeats {@code portico.consumer.unexpected-attempts} times;</li>
 * <li>a batch is applied in one transaction; if it fails for a non-transient reason it is applied again one
 * record at a time, so only the poison record is dead-lettered.</li>
 * </ul>
 */
@ApplicationScoped
public class EventConsumer {

    @Inject
    ObjectMapper mapper;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "portico.consumer.initial-backoff", defaultValue = "200ms")
    Duration initialBackoff;

    @ConfigProperty(name = "portico.consumer.max-backoff", defaultValue = "30s")
    Duration maxBackoff;

    @ConfigProperty(name = "portico.consumer.unexpected-attempts", defaultValue = "3")
    int unexpectedAttempts;

    /** Released at shutdown: ends a backoff at once instead of holding the shutdown up to max-backoff. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    void stop(@Observes ShutdownEvent event) {
        stopped.countDown();
    }

    /** Reads one record as {@code type} and applies it in its own transaction. */
    public <T> void consume(ConsumerRecord<String, String> record, Class<T> type, Consumer<T> apply) {
        consumeBatch(List.of(record), type, events -> events.forEach(apply));
    }

    /** Reads a batch; poison records are dead-lettered, the rest applied together in one transaction. */
    public <T> void consumeBatch(Iterable<ConsumerRecord<String, String>> records, Class<T> type,
            Consumer<List<T>> applyAll) {
        List<ConsumerRecord<String, String>> good = new ArrayList<>();
        List<T> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(read(record, type));
                good.add(record);
            } catch (PoisonMessageException e) {
                deadLetter(record, e);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        RequestIds.restore(good.get(0).headers());
        try {
            if (events.size() == 1 || attempt(events, applyAll, good.get(0), 1) != null) {
                for (int i = 0; i < events.size(); i++) {
                    RequestIds.restore(good.get(i).headers());
                    Throwable poison = attempt(List.of(events.get(i)), applyAll, good.get(i), unexpectedAttempts);
                    if (poison != null) {
                        deadLetter(good.get(i), poison);
                    }
                }
            }
        } finally {
            RequestIds.clear();
            String topic = good.get(0).topic();
            Timer.builder("portico.consumer.batch").description("Time to apply a batch of events, retries included")
                    .tag("topic", topic).register(metrics).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            DistributionSummary.builder("portico.consumer.batch.size").description("Events per applied batch")
                    .tag("topic", topic).register(metrics).record(events.size());
        }
    }

    /**
     * Applies the events, retrying transient failures without limit and other failures up to
     * {@code attempts} times; returns the failure that makes them poison, or null once applied.
     */
    private <T> Throwable attempt(List<T> events, Consumer<List<T>> applyAll, ConsumerRecord<String, String> first,
            int attempts) {
        Duration backoff = initialBackoff;
        int unexpected = 0;
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> applyAll.accept(events));
                return null;
            } catch (RuntimeException e) {
                if (isPoison(e)) {
                    return e;
                }
                if (!isTransient(e) && ++unexpected >= attempts) {
                    return e;
                }
                metrics.counter("portico.consumer.retries", "topic", first.topic()).increment();
                Log.warnf("Applying %s-%d@%d (%d events) failed, retrying in %s: %s", first.topic(), first.partition(),
                        first.offset(), events.size(), backoff, rootMessage(e));
                if (!pause(backoff)) {
                    throw new IllegalStateException("Shutting down: " + first.topic() + "-" + first.partition() + "@"
                            + first.offset() + " stays unacknowledged and will be redelivered", e);
                }
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        if (record.value() == null) {
            throw new PoisonMessageException("empty message");
        }
        T event;
        try {
            event = mapper.readValue(record.value(), type);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("cannot be read as " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new PoisonMessageException("null message");
        }
        if (event instanceof PorticoEvent portico && (portico.eventId() == null || portico.orgId() == null
                || portico.orgId().isBlank())) {
            throw new PoisonMessageException("event without eventId or orgId");
        }
        return event;
    }

    private void deadLetter(ConsumerRecord<String, String> record, Throwable reason) {
        Duration backoff = initialBackoff;
        while (true) {
            try {
                deadLetters.send(record, reason);
                return;
            } catch (Exception e) {
                Log.warnf("Writing a dead letter failed, retrying in %s: %s", backoff, e.toString());
                if (!pause(backoff)) {
                    throw new IllegalStateException("Shutting down before the dead letter was written", e);
                }
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    static boolean isPoison(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PoisonMessageException || t instanceof ConstraintViolationException
                    || t instanceof JsonProcessingException || t instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }

    /** Failures that go away by themselves: connections, locks, conflicts, broker hiccups. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetryLater || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof IOException
                    || t instanceof RetriableException || t instanceof OptimisticLockException
                    || t instanceof PessimisticLockException || t instanceof LockTimeoutException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // no state: the pool could not hand out a connection; 08 connection, 40 rollback (serialization,
                // deadlock), 53 resources, 55P03 lock not available, 57 operator intervention (shutdown), 58 system
                if (state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.equals("55P03") || state.startsWith("57") || state.startsWith("58")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Waits out a backoff; false when the application is shutting down (at once, or during the wait). */
    private boolean pause(Duration duration) {
        try {
            return !stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry", e);
        }
    }
}
