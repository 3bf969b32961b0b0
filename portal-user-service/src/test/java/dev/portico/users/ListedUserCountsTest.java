package dev.portico.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.users.domain.ListedUserCounts;
import dev.portico.users.domain.PortalUserRepository.Counts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The kept counts (V5 triggers) always equal a count of the rows, through every kind of change, with writers
 * changing one portal's users at once, and across compaction.
 */
@QuarkusTest
class ListedUserCountsTest {

    @Inject
    World world;

    @Inject
    Seeds seeds;

    @Inject
    ListedUserCounts counts;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "portico.schema")
    String schema;

    @Test
    void keptCountsEqualTheRowsThroughEveryChangeConcurrentWritersAndCompaction() throws Exception {
        World.Org org = world.org(null);
        UUID otherType = UUID.randomUUID();
        seeds.many(org, 400, "Count");
        // every kind of change, each from its own thread at once, on distinct users of the same portal
        List<String> changes = List.of(
                "update portal_user set active = false, deactivated_at = now() where %s and name like '%% 1_'",
                "update portal_user set confirmed = true where %s and name like '%% 2_'",
                "update portal_user set user_type_id = '" + otherType + "' where %s and name like '%% 3_'",
                "update portal_user set removed_at = now() where %s and name like '%% 4_'",
                "update portal_user set invited_at = null, confirmed = false where %s and name like '%% 5_'",
                "update portal_user set name = name || ' renamed' where %s and name like '%% 6_'",
                "delete from portal_user where %s and name like '%% 7_'",
                "update portal_user set active = true, deactivated_at = null where %s and name like '%% 8_'");
        String mine = "org_id = '" + org.id + "' and portal_id = '" + org.portalId + "'";
        ExecutorService pool = Executors.newFixedThreadPool(changes.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String change : changes) {
                done.add(pool.submit(() -> QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery(change.formatted(mine)).executeUpdate())));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        seeds.user(org, otherType, "late-1", "Late One", "late1@x.example", true, false);
        // a session whose search path lacks the service's schema (an operator's psql, a COPY naming the schema)
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("set local search_path to public").executeUpdate();
            em.createNativeQuery("update " + schema + ".portal_user set active = false where " + mine
                    + " and name like '% 9_'").executeUpdate();
        });

        assertThat(kept(org, null)).isEqualTo(counted(org, null));
        assertThat(kept(org, otherType)).isEqualTo(counted(org, otherType));
        assertThat(counted(org, null).all()).isBetween(300L, 400L); // the changes did take something out

        counts.compact();
        assertThat(kept(org, null)).isEqualTo(counted(org, null));
        assertThat(kept(org, otherType)).isEqualTo(counted(org, otherType));
        Number rows = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "select count(*) from listed_user_count where portal_id = ?1").setParameter(1, org.portalId)
                .getSingleResult());
        assertThat(rows.intValue()).as("one row per user type after compaction").isEqualTo(2);
    }

    private Counts kept(World.Org org, UUID userTypeId) {
        return QuarkusTransaction.requiringNew().call(() -> counts.of(org.id, org.portalId, userTypeId));
    }

    private Counts counted(World.Org org, UUID userTypeId) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                select count(*), count(*) filter (where active), count(*) filter (where active and confirmed),
                       count(*) filter (where active and not confirmed), count(*) filter (where not active)
                from portal_user where org_id = ?1 and portal_id = ?2 and (cast(?3 as uuid) is null or user_type_id = ?3)
                  and removed_at is null and (invited_at is not null or confirmed)""")
                .setParameter(1, org.id).setParameter(2, org.portalId).setParameter(3, userTypeId)
                .getSingleResult());
        return new Counts(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue(), ((Number) row[4]).longValue());
    }
}
