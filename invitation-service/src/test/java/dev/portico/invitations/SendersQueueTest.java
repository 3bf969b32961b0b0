package dev.portico.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.events.InvitationDispatch;
import dev.portico.events.RecordState;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The senders' queue: a dispatch hands its invitations straight to the senders while the queue has room
 * ({@code queue-size}), the rest wait as rows that the worker claims; an attempt that waited half its lease (here:
 * throttled to 5 mails/s behind a long queue) is not sent but claimed again after the lease. Every invitation still
 * goes out exactly once.
 */
@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
@TestProfile(SendersQueueTest.SmallSlowQueue.class)
class SendersQueueTest {

    public static class SmallSlowQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portico.invitations.delivery.queue-size", "3",
                    "portico.invitations.delivery.rate-per-second", "5",
                    "portico.invitations.delivery.lease", "4s");
        }
    }

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry metrics;

    @Test
    void handedOverWhileThereIsRoomTheRestClaimedAndStaleAttemptsClaimedAgainEachMailedOnce() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        double handedBefore = claimed("dispatch");
        double claimedBefore = claimed("worker");
        List<InvitationDispatch> dispatches = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = Stack.newEmail();
            emails.add(email);
            dispatches.add(Stack.dispatch(org, portal, Stack.record("Queue " + i, email, "en", RecordState.CLEAR), null));
        }
        dispatches.forEach(Stack::publish);

        await().atMost(Duration.ofSeconds(60)).until(() -> count(org, "SENT") == 20);
        double handed = claimed("dispatch") - handedBefore;
        double claimedByWorker = claimed("worker") - claimedBefore;
        assertThat(handed).as("handed straight to the senders, at most 3 at a time").isBetween(1.0, 19.0);
        assertThat(claimedByWorker).as("claimed by the worker: what found no room, and the stale ones").isPositive();
        assertThat(handed + claimedByWorker).isGreaterThan(20.0);
        assertThat(maxAttempts(org)).as("attempts that waited half their lease were claimed again").isGreaterThan(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> emails.stream().allMatch(e -> !Stack.inbox(e).isEmpty()));
        for (String email : emails) {
            assertThat(Stack.inbox(email)).as(email).hasSize(1);
        }
    }

    private double claimed(String by) {
        return metrics.counter("portico.invitations.claimed", "by", by).count();
    }

    private long count(String org, String status) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from invitation where org_id = ?1 and status = ?2")
                .setParameter(1, org).setParameter(2, status).getSingleResult()).longValue());
    }

    private int maxAttempts(String org) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select max(attempts) from invitation where org_id = ?1")
                .setParameter(1, org).getSingleResult()).intValue());
    }
}
