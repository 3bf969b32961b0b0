package dev.portico.kit.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.events.ConfigEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The directory reads a snapshot once per transaction and keeps it for the process for the cache TTL; its own
 * updates are seen at once, another replica's after the TTL.
 */
@QuarkusTest
class ConfigDirectoryTest {

    @Inject
    ConfigDirectory directory;

    @Inject
    EntityManager em;

    @Test
    void aSnapshotIsReadOncePerTransactionAndAppliedUpdatesReplaceIt() {
        String org = "org-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> directory.apply(moduleEvent(org, "First_Name")));

        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(nameField(org)).isEqualTo("First_Name");
            // a change behind the directory's back (no apply) is not read again within the transaction
            em.createNativeQuery("update config_snapshot set payload = jsonb_set(payload, '{nameField}', '\"Behind\"')"
                    + " where org_id = ?1").setParameter(1, org).executeUpdate();
            assertThat(nameField(org)).isEqualTo("First_Name");
            // an event applied in the transaction replaces what it read
            directory.apply(moduleEvent(org, "Applied"));
            assertThat(nameField(org)).isEqualTo("Applied");
        });
        QuarkusTransaction.requiringNew().run(() -> assertThat(nameField(org)).isEqualTo("Applied"));
        QuarkusTransaction.requiringNew().run(() -> assertThat(directory.module(org, "Deals")).isEmpty());
    }

    @Test
    void aSnapshotServesLaterTransactionsForTheCacheTtlAndAChangeByAnotherReplicaShowsAfterIt() {
        String org = "org-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> directory.apply(moduleEvent(org, "First_Name")));
        assertThat(QuarkusTransaction.requiringNew().call(() -> nameField(org))).isEqualTo("First_Name");

        // another replica's consumer applies the change: this process's cache does not hear of it
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update config_snapshot set payload = jsonb_set(payload, '{nameField}', '\"Elsewhere\"')"
                                + " where org_id = ?1").setParameter(1, org).executeUpdate());
        assertThat(QuarkusTransaction.requiringNew().call(() -> nameField(org))).isEqualTo("First_Name");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(QuarkusTransaction.requiringNew().call(() -> nameField(org))).isEqualTo("Elsewhere"));
    }

    private String nameField(String org) {
        return directory.module(org, "Contacts").orElseThrow().nameField();
    }

    private static ConfigEvent moduleEvent(String org, String nameField) {
        return new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.MODULE_UPDATED, org, Instant.now(), null, null, null,
                new ConfigEvent.Module("Contacts", nameField, "Email", List.of()), null);
    }
}
