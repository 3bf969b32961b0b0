package dev.portico.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sent outbox rows and dedupe rows older than the retention (7 days by default) are deleted in statements of at
 * most portico.outbox.cleanup-batch-size rows (5,000); unsent, parked and recent rows stay.
 */
@QuarkusTest
class RetentionCleanupTest {

    @Inject
    RetentionCleanup cleanup;

    @Inject
    EntityManager em;

    @Test
    void deletesWhatOutlivedTheRetentionInBoundedStatements() throws Exception {
        String key = "org-retention-" + UUID.randomUUID();
        String consumer = "retention-" + UUID.randomUUID();
        cleanup.run(); // what earlier tests left past the retention
        QuarkusTransaction.requiringNew().run(() -> {
            outboxRows(key, 12_000, "now() - interval '8 days'", "now() - interval '8 days'", "null");
            outboxRows(key + "/recent", 10, "now() - interval '6 days'", "now() - interval '6 days'", "null");
            outboxRows(key + "/unsent", 10, "now() - interval '30 days'", "null", "null");
            outboxRows(key + "/parked", 10, "now() - interval '30 days'", "null", "now() - interval '30 days'");
            em.createNativeQuery("insert into processed_event (consumer, event_id, processed_at) "
                            + "select ?1, gen_random_uuid(), now() - interval '8 days' from generate_series(1, 6000)")
                    .setParameter(1, consumer).executeUpdate();
            em.createNativeQuery("insert into processed_event (consumer, event_id, processed_at) "
                            + "select ?1, gen_random_uuid(), now() - interval '6 days' from generate_series(1, 10)")
                    .setParameter(1, consumer).executeUpdate();
        });

        RetentionCleanup.Result result = cleanup.run();

        assertThat(result.outboxRows()).isEqualTo(12_000);
        assertThat(result.processedEventRows()).isEqualTo(6_000);
        assertThat(result.statements()).as("3 outbox statements (5,000 + 5,000 + 2,000), 2 processed-event ones")
                .isEqualTo(5);
        assertThat(count("select count(*) from outbox where msg_key = ?1", key)).isZero();
        assertThat(count("select count(*) from outbox where msg_key like ?1", key + "/%")).as("recent, unsent, parked")
                .isEqualTo(30);
        assertThat(count("select count(*) from processed_event where consumer = ?1", consumer)).isEqualTo(10);
    }

    private void outboxRows(String key, int rows, String createdAt, String sentAt, String parkedAt) {
        em.createNativeQuery("insert into outbox (topic, msg_key, payload, created_at, sent_at, parked_at) "
                        + "select 'portal.config-events', ?1, '{}', " + createdAt + ", " + sentAt + ", " + parkedAt
                        + " from generate_series(1, ?2)")
                .setParameter(1, key).setParameter(2, rows).executeUpdate();
    }

    private long count(String sql, String value) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, value).getSingleResult()).longValue());
    }
}
