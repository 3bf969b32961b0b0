package dev.portico.kit.outbox;

import dev.portico.kit.web.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves committed outbox rows to Kafka, oldest first. One relay at a time holds a transaction-scoped
 * advisory lock per schema (so order per key holds with any number of replicas); the rows it takes are
 * locked {@code FOR UPDATE SKIP LOCKED}, sent, acknowledged by Kafka, then marked sent in the same
 * transaction. If the relay dies mid-batch nothing is marked and the batch is sent again: delivery is at
 * least once, and consumers make it exactly once by {@code eventId}.
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

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "portico")
    String applicationName;

    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile KafkaProducer<String, String> producer;
    private Thread worker;
    private Counter sent;
    private Counter failures;
    private Instant lastCleanup = Instant.EPOCH;

    void start(@Observes StartupEvent event) {
        sent = metrics.counter("portico.outbox.sent");
        failures = metrics.counter("portico.outbox.failures");
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

    /** Relays one batch; returns how many rows were sent (0 when idle or another replica holds the lock). */
    public int relayOnce() throws Exception {
        return relayOnce(Integer.MAX_VALUE);
    }

    /**
     * @param crashAfter stop with an exception after sending this many rows, before marking any of them
     *                   sent: what a relay that dies mid-batch leaves behind (tests only).
     */
    int relayOnce(int crashAfter) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int count = relayBatch(connection, crashAfter);
                cleanup(connection);
                connection.commit();
                if (count > 0) {
                    sent.increment(count);
                }
                return count;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int relayBatch(Connection connection, int crashAfter) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement(
                "select pg_try_advisory_xact_lock(?, hashtext(current_schema()))")) {
            lock.setInt(1, LOCK_CLASS);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        KafkaProducer<String, String> kafka = producer();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, topic, msg_key, payload, request_id from outbox where sent_at is null "
                        + "order by id limit ? for update skip locked")) {
            select.setInt(1, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (ids.size() >= crashAfter) {
                        kafka.flush();
                        throw new IllegalStateException("relay stopped after " + crashAfter + " sends (fault injection)");
                    }
                    ProducerRecord<String, String> record = new ProducerRecord<>(rs.getString(2), rs.getString(3),
                            rs.getString(4));
                    String requestId = rs.getString(5);
                    if (requestId != null) {
                        record.headers().add(RequestIds.HEADER, requestId.getBytes(StandardCharsets.UTF_8));
                    }
                    ids.add(rs.getLong(1));
                    acks.add(kafka.send(record));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        kafka.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        try (PreparedStatement mark = connection.prepareStatement(
                "update outbox set sent_at = now() where id = any(?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            mark.setArray(1, array);
            mark.executeUpdate();
        }
        return ids.size();
    }

    private void cleanup(Connection connection) throws SQLException {
        Instant now = Instant.now();
        if (Duration.between(lastCleanup, now).compareTo(Duration.ofMinutes(1)) < 0) {
            return;
        }
        lastCleanup = now;
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from outbox where sent_at < now() - make_interval(secs => ?)")) {
            delete.setLong(1, config.retention().toSeconds());
            delete.executeUpdate();
        }
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox");
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
                    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    producer = new KafkaProducer<>(props);
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
}
