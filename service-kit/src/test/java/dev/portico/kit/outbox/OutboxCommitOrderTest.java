package dev.portico.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.ConfigEvent;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Replicas that share no id allocator update the same aggregate under its row lock and publish an event each
 * time, while the relay runs: Kafka receives the aggregate's events in commit order. Two writers are plain JDBC
 * connections (what another replica's insert is), one is this application's {@link Outbox#publish}.
 */
@QuarkusTest
class OutboxCommitOrderTest {

    private static final int PER_WRITER = 40;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void eventsOfOneAggregateReachKafkaInCommitOrderAcrossReplicas() throws Exception {
        String org = "org-order-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into probe_aggregate (id, version) values (?1, 0)").setParameter(1, org).executeUpdate());
        // event id -> the aggregate version its transaction committed (versions are the commit order)
        Map<UUID, Long> committed = new ConcurrentHashMap<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            writers.add(new Thread(() -> run(errors, () -> jdbcReplica(org, committed, go)), "replica-jdbc-" + w));
        }
        writers.add(new Thread(() -> run(errors, () -> thisApplication(org, committed, go)), "replica-app"));
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread relaying = new Thread(() -> run(errors, () -> {
            while (writing.get()) {
                relay.relayOnce();
                Thread.sleep(5);
            }
        }), "relay");
        writers.forEach(Thread::start);
        relaying.start();
        go.countDown();
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(60));
        }
        writing.set(false);
        relaying.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(errors).isEmpty();
        while (relay.relayOnce() > 0) {
            // what the writers committed after the relay's last round
        }
        assertThat(committed).hasSize(3 * PER_WRITER);

        try (TopicReader reader = new TopicReader(Topics.CONFIG_EVENTS)) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(r -> org.equals(r.key()),
                    got -> got.size() >= 3 * PER_WRITER, Duration.ofSeconds(30));
            List<Long> versions = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                JsonNode json = mapper.readTree(record.value());
                versions.add(committed.get(UUID.fromString(json.get("eventId").asText())));
            }
            assertThat(versions).as("Kafka order is the commit order").isSorted().doesNotContainNull()
                    .hasSize(3 * PER_WRITER).doesNotHaveDuplicates();
        }
    }

    /** Another replica: its own connection, no shared allocator; locks the aggregate, then inserts its event. */
    private void jdbcReplica(String org, Map<UUID, Long> committed, CountDownLatch go) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            c.setSchema("kit_test");
            go.await();
            for (int i = 0; i < PER_WRITER; i++) {
                long version = bump(c, org);
                UUID id = UUID.randomUUID();
                try (PreparedStatement insert = c.prepareStatement(
                        "insert into outbox (topic, msg_key, payload, created_at) values (?, ?, ?, now())")) {
                    insert.setString(1, Topics.CONFIG_EVENTS);
                    insert.setString(2, org);
                    insert.setString(3, mapper.writeValueAsString(event(id, org)));
                    insert.executeUpdate();
                }
                c.commit();
                committed.put(id, version);
            }
        }
    }

    private static long bump(Connection c, String org) throws Exception {
        try (PreparedStatement update = c.prepareStatement(
                "update probe_aggregate set version = version + 1 where id = ? returning version")) {
            update.setString(1, org);
            try (ResultSet rs = update.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** This replica: the aggregate's row lock, then Outbox.publish, in one transaction. */
    private void thisApplication(String org, Map<UUID, Long> committed, CountDownLatch go) throws Exception {
        go.await();
        for (int i = 0; i < PER_WRITER; i++) {
            UUID id = UUID.randomUUID();
            long version = QuarkusTransaction.requiringNew().call(() -> {
                long v = ((Number) em.createNativeQuery(
                                "update probe_aggregate set version = version + 1 where id = ?1 returning version")
                        .setParameter(1, org).getSingleResult()).longValue();
                outbox.publish(event(id, org));
                return v;
            });
            committed.put(id, version);
        }
    }

    private static ConfigEvent event(UUID id, String org) {
        return new ConfigEvent(id, ConfigEvent.Type.ORG_UPDATED, org, Instant.now(), null, null, null, null, null);
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void run(List<Throwable> errors, Work work) {
        try {
            work.run();
        } catch (Throwable e) {
            errors.add(e);
        }
    }
}
