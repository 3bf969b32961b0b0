package dev.portico.kit.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.ConfigEvent;
import dev.portico.events.Topics;
import dev.portico.kit.messaging.ProcessedEvents;
import dev.portico.kit.testing.TestTokens;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The outbox against real PostgreSQL and Kafka: nothing lost, order per key kept, redelivery harmless. */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    ProcessedEvents processed;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    void relayDyingMidBatchLosesNothingAndConsumersProcessEachEventOnce() throws Exception {
        drainOutbox();
        String org = "org-outbox-" + UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 40; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                outbox.publish(event(id, org));
            }
        });

        assertThrows(IllegalStateException.class, () -> relay.relayOnce(15));
        assertThat(unsent(org)).as("a relay that died marks nothing sent").isEqualTo(40);

        assertThat(relay.relayOnce()).isEqualTo(40);
        assertThat(unsent(org)).isZero();
        assertThat(relay.relayOnce()).as("nothing left to send").isZero();

        try (TopicReader reader = new TopicReader(Topics.CONFIG_EVENTS)) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(r -> org.equals(r.key()),
                    got -> got.size() >= 55, Duration.ofSeconds(30));
            assertThat(records).as("15 sent by the dead relay, then all 40 again").hasSize(55);

            List<UUID> delivered = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                delivered.add(mapper.readValue(record.value(), ConfigEvent.class).eventId());
            }
            assertThat(delivered.stream().distinct().toList()).as("every event arrived, in order")
                    .containsExactlyElementsOf(ids);
            List<UUID> afterRestart = delivered.subList(15, 55);
            assertThat(afterRestart).as("per-key order holds after the restart").containsExactlyElementsOf(ids);

            Map<UUID, Integer> applied = new LinkedHashMap<>();
            for (UUID id : delivered) {
                boolean first = QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("outbox-test", id));
                if (first) {
                    applied.merge(id, 1, Integer::sum);
                }
            }
            assertThat(applied).as("an idempotent consumer applies each event exactly once").hasSize(40);
            assertThat(applied.values()).containsOnly(1);
        }
    }

    @Test
    void rolledBackTransactionPublishesNothing() throws Exception {
        drainOutbox();
        String org = "org-rollback-" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(event(UUID.randomUUID(), org));
            throw new IllegalStateException("the state change failed");
        }));
        assertThat(unsent(org)).isZero();
        assertThat(relay.relayOnce()).isZero();
    }

    @Test
    void requestIdTravelsFromHttpToKafkaHeader() throws Exception {
        drainOutbox();
        String org = "org-rid-" + UUID.randomUUID();
        String eventId = given().header("Authorization", TestTokens.bearer(org, "portal.config"))
                .header("X-Request-Id", "rid-" + org)
                .when().post("/api/v1/probe/events")
                .then().statusCode(200)
                .extract().path("eventId");
        assertThat(relay.relayOnce()).isEqualTo(1);
        try (TopicReader reader = new TopicReader(Topics.CONFIG_EVENTS)) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(r -> org.equals(r.key()),
                    got -> !got.isEmpty(), Duration.ofSeconds(30));
            assertThat(records).hasSize(1);
            assertThat(records.get(0).value()).contains(eventId);
            assertThat(new String(records.get(0).headers().lastHeader("X-Request-Id").value(), StandardCharsets.UTF_8))
                    .isEqualTo("rid-" + org);
        }
    }

    private static ConfigEvent event(UUID id, String org) {
        return new ConfigEvent(id, ConfigEvent.Type.ORG_UPDATED, org, Instant.now(), null, null, null, null, null);
    }

    private long unsent(String org) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox where sent_at is null and msg_key = ?1")
                .setParameter(1, org).getSingleResult()).longValue());
    }

    private void drainOutbox() throws Exception {
        while (relay.relayOnce() > 0) {
            // leftovers of other tests
        }
    }
}
