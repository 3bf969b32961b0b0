package dev.portico.kit.outbox;

import dev.portico.kit.messaging.KafkaSettings;
import dev.portico.kit.web.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves committed outbox rows to Kafka in id order (the commit order per key, see {@link Outbox}). One relay
 * at a time holds a transaction-scoped advisory lock per schema; the rows it takes are locked
 * {@code FOR UPDATE SKIP LOCKED}, sent, and once Kafka has answered for each, marked in the same
 * transaction: sent, parked (Kafka refuses that record for good: too large, invalid topic, serialization),
 * or left unsent with its attempt counted (transient: broker unreachable, timeouts), after which the round
 * backs off. If the relay dies mid-batch nothing is marked and the batch is sent again: delivery is at least
 * once, and consumers make it effectively once by {@code eventId}. A parked row never blocks later events;
 * it stays in the table with {@code last_error} until an operator deals with it
 * ({@code update outbox set parked_at = null where id = ...} queues it again).
 */
@ApplicationScoped
@IfBuildProperty(name = "portico.kit.persistence.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    private static final int LOCK_CLASS = 0x504f5254; // "PORT"

    @Inject
    DataSource dataSource;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Config kafkaConfig;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "portico")
    String applicationName;

    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile KafkaProducer<String, String> producer;
    private Thread worker;
    private Counter sent;
    private Counter failures;

    void start(@Observes StartupEvent event) {
        sent = metrics.counter("portico.outbox.sent");
        failures = metrics.counter("portico.outbox.failures");
        Gauge.builder("portico.outbox.backlog", this, relay -> relay.stat(
                        "select count(*) from outbox where sent_at is null and parked_at is null"))
                .description("Outbox rows waiting to be sent").register(metrics);
        Gauge.builder("portico.outbox.oldest.unsent.age", this, relay -> relay.stat(
                        "select coalesce(extract(epoch from now() - min(created_at)), 0) from outbox "
                                + "where sent_at is null and parked_at is null"))
                .description("Age of the oldest outbox row waiting to be sent").baseUnit("seconds").register(metrics);
        Gauge.builder("portico.outbox.parked", this, relay -> relay.stat(
                        "select count(*) from outbox where parked_at is not null"))
                .description("Outbox rows Kafka refused for good, waiting for an operator").register(metrics);
        if (!config.relayEnabled()) {
            Log.info("Outbox relay disabled on this instance");
            return;
        }
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
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
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a commit that wrote to the outbox. */
    void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void loop() {
        Duration backoff = config.initialBackoff();
        while (running) {
            try {
                int count = relayOnce();
                backoff = config.initialBackoff();
                if (count < config.batchSize()) {
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.increment();
                Log.warnf("Outbox relay round failed, retrying in %s: %s", backoff, e.toString());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Relays one batch; returns how many rows were sent (0 when idle or another replica holds the lock).
     * Rows Kafka refused for good are parked and do not count.
     *
     * @throws TransientRelayException after recording the round, when some rows failed transiently and stay
     *                                 unsent (the caller backs off)
     */
    public int relayOnce() throws Exception {
        return relayOnce(Integer.MAX_VALUE);
    }

    /**
     * @param crashAfter stop with an exception after sending this many rows, before marking any of them
     *                   sent: what a relay that dies mid-batch leaves behind (tests only).
     */
    int relayOnce(int crashAfter) throws Exception {
        Round round;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                round = relayBatch(connection, crashAfter);
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
        if (round.sent > 0) {
            sent.increment(round.sent);
        }
        if (round.transientFailure != null) {
            throw new TransientRelayException(round.transientFailure);
        }
        return round.sent;
    }

    private record Round(int sent, Exception transientFailure) {
    }

    private Round relayBatch(Connection connection, int crashAfter) throws Exception {
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        KafkaProducer<String, String> kafka = producer();
        // the lock and the rows in one round trip: the lock is tried once, and without it nothing is read
        try (PreparedStatement select = connection.prepareStatement("""
                with relay as (select pg_try_advisory_xact_lock(?, hashtext(current_schema())) as mine)
                select id, topic, msg_key, payload, request_id from outbox
                 where (select mine from relay) and sent_at is null and parked_at is null
                 order by id limit ? for update skip locked""")) {
            select.setInt(1, LOCK_CLASS);
            select.setInt(2, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (ids.size() >= crashAfter) {
                        kafka.flush();
                        throw new IllegalStateException("relay stopped after " + crashAfter + " sends (fault injection)");
                    }
                    ids.add(rs.getLong(1));
                    Future<RecordMetadata> ack = send(kafka, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5));
                    acks.add(ack);
                    if (ack.isDone() && isTransient(failure(ack))) {
                        // the broker cannot take anything now (e.g. metadata timeout): do not wait that out per row
                        break;
                    }
                }
            }
        }
        if (ids.isEmpty()) {
            return new Round(0, null);
        }
        kafka.flush();
        List<Long> done = new ArrayList<>();
        List<Long> retry = new ArrayList<>();
        List<String> retryErrors = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        List<String> refusedErrors = new ArrayList<>();
        Exception transientFailure = null;
        for (int i = 0; i < acks.size(); i++) {
            Throwable failure = failure(acks.get(i));
            if (failure == null) {
                done.add(ids.get(i));
            } else if (isPermanent(failure)) {
                refused.add(ids.get(i));
                refusedErrors.add(describe(failure));
                Log.errorf("Outbox row %d parked, Kafka refuses it: %s", ids.get(i), describe(failure));
            } else {
                retry.add(ids.get(i));
                retryErrors.add(describe(failure));
                if (transientFailure == null) {
                    transientFailure = failure instanceof Exception e ? e : new IllegalStateException(failure);
                }
            }
        }
        mark(connection, "update outbox set sent_at = now(), attempts = attempts + 1, last_error = null "
                + "where id = any(?)", done, null);
        mark(connection, "update outbox set parked_at = now(), attempts = attempts + 1, last_error = e.error "
                + "from unnest(?, ?) as e(id, error) where outbox.id = e.id", refused, refusedErrors);
        mark(connection, "update outbox set attempts = attempts + 1, last_error = e.error "
                + "from unnest(?, ?) as e(id, error) where outbox.id = e.id", retry, retryErrors);
        return new Round(done.size(), transientFailure);
    }

    private static Future<RecordMetadata> send(KafkaProducer<String, String> kafka, String topic, String key,
            String payload, String requestId) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            if (requestId != null) {
                record.headers().add(RequestIds.HEADER, requestId.getBytes(StandardCharsets.UTF_8));
            }
            return kafka.send(record);
        } catch (RuntimeException e) {
            // send() throws what it finds before the record is queued (serialization, invalid topic, metadata
            // timeout); treat it like a failed acknowledgement
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void mark(Connection connection, String sql, List<Long> ids, List<String> errors)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            if (errors != null) {
                update.setArray(2, connection.createArrayOf("text", errors.toArray()));
            }
            update.executeUpdate();
        }
    }

    /** The failure of a completed send, or null when Kafka acknowledged it. */
    private static Throwable failure(Future<RecordMetadata> ack) throws InterruptedException {
        try {
            ack.get(60, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            return new org.apache.kafka.common.errors.TimeoutException("no acknowledgement within 60 s", e);
        }
    }

    /** Kafka refuses this record whatever we do: park it. */
    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof SerializationException || t instanceof InvalidTopicException
                    || t instanceof InvalidRecordException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransient(Throwable failure) {
        return failure != null && !isPermanent(failure);
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getName() + ": " + failure.getMessage();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private double stat(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getDouble(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    /**
     * The relay's producer: the service's Kafka client settings ({@link KafkaSettings}, so TLS and SASL apply),
     * then what the outbox's guarantees need, which a {@code kafka.*} setting cannot weaken: every replica
     * acknowledges ({@code acks=all}) and retries do not duplicate or reorder ({@code enable.idempotence}).
     */
    static Properties producerProperties(Config config, String applicationName) {
        Properties props = KafkaSettings.from(config);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(producerProperties(kafkaConfig, applicationName));
                }
                current = producer;
            }
        }
        return current;
    }

    /** Waits out a backoff; a shutdown (which releases the semaphore) cuts it short. */
    private void pause(Duration duration) {
        try {
            wakeUp.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS);
            wakeUp.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Some rows of the round failed transiently and stay unsent; the rest of the round was recorded. */
    public static final class TransientRelayException extends Exception {

        TransientRelayException(Exception cause) {
            super("Kafka did not take every row of the round: " + cause, cause);
        }
    }
}
