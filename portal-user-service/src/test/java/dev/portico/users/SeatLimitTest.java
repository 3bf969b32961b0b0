package dev.portico.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Seats never over-book: concurrent invites into a trial portal stop exactly at its limit. */
@QuarkusTest
class SeatLimitTest {

    @Inject
    World world;

    @Inject
    Seeds seeds;

    @Inject
    EntityManager em;

    @Test
    void twentyConcurrentInvitesIntoATrialPortalWithEightUsersLeaveExactlyTen() throws Exception {
        World.Org org = world.org(10);
        for (int i = 0; i < 8; i++) {
            seeds.user(org, org.userTypeId, "existing-" + i, "Existing " + i, "existing" + i + "@customer.example",
                    true, true);
        }
        List<String> records = world.contacts(org, 20);
        world.awaitRecords(org, records);

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> jobs = new ArrayList<>();
        for (String record : records) {
            jobs.add(pool.submit(() -> {
                start.await();
                return org.admin().body(Map.of("userTypeId", org.userTypeId, "recordIds", List.of(record)))
                        .post("/api/v1/portals/{p}/invitations", org.portalId)
                        .then().statusCode(202).extract().path("id");
            }));
        }
        start.countDown();
        List<String> jobIds = new ArrayList<>();
        for (Future<String> job : jobs) {
            jobIds.add(job.get());
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(30)).until(() -> failedWithLimit(org, jobIds) == 18);
        assertThat(activeSeats(org)).isEqualTo(10);
        Thread.sleep(1000);
        assertThat(failedWithLimit(org, jobIds)).isEqualTo(18);
        assertThat(activeSeats(org)).isEqualTo(10);
    }

    private long failedWithLimit(World.Org org, List<String> jobIds) {
        return jobIds.stream().filter(id -> "USER_LIMIT_REACHED".equals(org.admin()
                .get("/api/v1/jobs/{j}/items", id).then().statusCode(200).extract().path("items[0].reason"))).count();
    }

    private long activeSeats(World.Org org) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from portal_user where portal_id = ?1 and active and removed_at is null")
                .setParameter(1, org.portalId).getSingleResult()).longValue());
    }
}
