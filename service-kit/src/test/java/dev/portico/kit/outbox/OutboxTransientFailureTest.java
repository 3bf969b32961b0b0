package dev.portico.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.events.ConfigEvent;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A broker that cannot be reached is transient: the row stays queued with its attempt and error recorded (not
 * parked), the round reports the failure so the relay backs off, and the row goes out once Kafka answers.
 */
@QuarkusTest
class OutboxTransientFailureTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    @Test
    void unreachableBrokerKeepsTheRowQueuedUntilKafkaAnswers() throws Exception {
        while (relay.relayOnce() > 0) {
            // leftovers of other tests
        }
        String org = "org-transient-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(new ConfigEvent(id, ConfigEvent.Type.ORG_UPDATED,
                org, Instant.now(), null, null, null, null, null)));

        OutboxRelay cutOff = relayTo("127.0.0.1:1");
        try {
            assertThrows(OutboxRelay.TransientRelayException.class, cutOff::relayOnce);
            assertThrows(OutboxRelay.TransientRelayException.class, cutOff::relayOnce);
        } finally {
            cutOff.stop(null);
        }
        Object[] row = row(org);
        assertThat(((Number) row[0]).intValue()).as("attempts").isEqualTo(2);
        assertThat((String) row[1]).as("last error").contains("TimeoutException");
        assertThat(row[2]).as("parked").isEqualTo(false);
        assertThat(row[3]).as("sent").isEqualTo(false);

        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(row(org)[3]).as("sent").isEqualTo(true);
        try (TopicReader reader = new TopicReader(Topics.CONFIG_EVENTS)) {
            assertThat(reader.readUntil(r -> org.equals(r.key()), got -> !got.isEmpty(), Duration.ofSeconds(20)))
                    .hasSize(1);
        }
    }

    /** A second relay on the same schema whose producer points at a port nobody listens on. */
    private OutboxRelay relayTo(String bootstrap) {
        OutboxRelay cutOff = new OutboxRelay();
        cutOff.dataSource = dataSource;
        cutOff.config = config;
        cutOff.metrics = new SimpleMeterRegistry();
        cutOff.applicationName = "cut-off";
        cutOff.kafkaConfig = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "kafka.max.block.ms", "1000"), "test", 500)).build();
        return cutOff;
    }

    private Object[] row(String org) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select attempts, last_error, parked_at is not null, sent_at is not null from outbox "
                                + "where msg_key = ?1")
                .setParameter(1, org).getSingleResult());
    }
}
