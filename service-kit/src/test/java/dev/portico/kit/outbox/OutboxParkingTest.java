package dev.portico.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.ConfigEvent;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A row Kafka refuses for good (here a 1.15 MB event, above the producer's 1 MB max.request.size) is parked
 * with its error; the events before and after it, of the same key and of others, are sent once each.
 */
@QuarkusTest
class OutboxParkingTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry metrics;

    @Test
    void rowKafkaRefusesIsParkedAndEveryOtherEventGoesOn() throws Exception {
        drainOutbox();
        String org = "org-park-" + UUID.randomUUID();
        String other = "org-park-other-" + UUID.randomUUID();
        UUID before = UUID.randomUUID();
        UUID tooLarge = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        UUID otherKey = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(event(before, org)));
        // written around Outbox.publish's own limit, as a row from before that limit existed would be
        String hugePayload = mapper.writeValueAsString(new ConfigEvent(tooLarge, ConfigEvent.Type.ORG_UPDATED, org,
                Instant.now(), null, null, null, null, "x".repeat(1_150_000)));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into outbox (topic, msg_key, payload, created_at) values (?1, ?2, ?3, now() - interval '2 minutes')")
                .setParameter(1, Topics.CONFIG_EVENTS).setParameter(2, org).setParameter(3, hugePayload)
                .executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(event(after, org));
            outbox.publish(event(otherKey, other));
        });

        assertThat(gauge("portico.outbox.backlog")).isEqualTo(4);
        assertThat(gauge("portico.outbox.oldest.unsent.age")).as("seconds").isGreaterThanOrEqualTo(120);
        double parkedBefore = gauge("portico.outbox.parked");

        assertThat(relay.relayOnce()).as("the three good rows are sent").isEqualTo(3);
        assertThat(relay.relayOnce()).as("nothing is sent again").isZero();

        Object[] parked = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select attempts, last_error, parked_at is not null, sent_at is null from outbox where msg_key = ?1 "
                                + "and payload like ?2")
                .setParameter(1, org).setParameter(2, "%" + tooLarge + "%").getSingleResult());
        assertThat(((Number) parked[0]).intValue()).as("attempts").isEqualTo(1);
        assertThat((String) parked[1]).contains("RecordTooLargeException");
        assertThat(parked[2]).as("parked").isEqualTo(true);
        assertThat(parked[3]).as("never marked sent").isEqualTo(true);
        assertThat(gauge("portico.outbox.parked")).isEqualTo(parkedBefore + 1);
        assertThat(gauge("portico.outbox.backlog")).isZero();
        assertThat(gauge("portico.outbox.oldest.unsent.age")).isZero();

        try (TopicReader reader = new TopicReader(Topics.CONFIG_EVENTS)) {
            List<ConsumerRecord<String, String>> records = reader.readAll(
                    r -> org.equals(r.key()) || other.equals(r.key()), Duration.ofSeconds(3));
            List<UUID> delivered = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                delivered.add(mapper.readValue(record.value(), ConfigEvent.class).eventId());
            }
            assertThat(delivered).as("each good event once, per-key order kept")
                    .containsExactlyInAnyOrder(before, after, otherKey)
                    .containsSubsequence(before, after);
        }
    }

    private double gauge(String name) {
        return metrics.get(name).gauge().value();
    }

    private static ConfigEvent event(UUID id, String org) {
        return new ConfigEvent(id, ConfigEvent.Type.ORG_UPDATED, org, Instant.now(), null, null, null, null, null);
    }

    private void drainOutbox() throws Exception {
        while (relay.relayOnce() > 0) {
            // leftovers of other tests
        }
    }
}
