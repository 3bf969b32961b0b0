package dev.portico.autoinvite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.events.ConfigEvent;
import dev.portico.events.InviteRequested;
import dev.portico.events.RecordChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Configurations follow deletions of their portal and user type announced on portal.config-events. */
@QuarkusTest
class PortalChangesTest {

    @Inject
    World world;

    @Inject
    EntityManager em;

    private static String config(UUID userTypeId) {
        return """
                {"name": "all", "userTypeId": "%s", "triggers": ["CREATE"], "languageMode": "SINGLE",
                 "rules": [{"language": "fr"}]}""".formatted(userTypeId);
    }

    @Test
    void aDeletedUserTypeHandsItsConfigurationsOverOrPausesThem() {
        World.Org org = world.org();
        UUID successor = UUID.randomUUID();
        world.userType(org, org.portalId, successor);
        UUID orphanType = UUID.randomUUID();
        world.userType(org, org.portalId, orphanType);
        await().atMost(Duration.ofSeconds(30)).until(() -> org.config().body(config(orphanType))
                .post("/api/v1/portals/{p}/auto-invites", org.portalId).statusCode() == 201);
        String moved = org.create(config(org.userTypeId));
        String orphan = org.config().get("/api/v1/portals/{p}/auto-invites", org.portalId).path("items[0].id");

        world.send(deleted(org, org.userTypeId, successor));
        world.send(deleted(org, orphanType, null));

        await().atMost(Duration.ofSeconds(30)).until(() -> org.config()
                .get("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, moved).path("userTypeId")
                .equals(successor.toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.FALSE.equals(org.config()
                .get("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, orphan).path("enabled")));
        String record = "c-" + UUID.randomUUID();
        world.change(org, record, RecordChanged.Operation.CREATED, Map.of("Country", "France"), List.of());
        List<InviteRequested> requests = world.requests(org, 1);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).userTypeId()).isEqualTo(successor.toString());
        assertThat(requests.get(0).configId()).isEqualTo(moved);
    }

    @Test
    void aDeletedPortalTakesItsConfigurationsWithIt() {
        World.Org org = world.org();
        org.create(config(org.userTypeId));
        world.send(new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.PORTAL_DELETED, org.id, Instant.now(), null,
                new ConfigEvent.Portal(org.portalId.toString(), "Customer portal", "Contacts", "p", "https://p",
                        List.of(), "DELETED", 7, false), null, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> org.config()
                .get("/api/v1/portals/{p}/auto-invites", org.portalId).statusCode() == 404);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from auto_invite_config where org_id = ?1").setParameter(1, org.id)
                .getSingleResult()).intValue()) == 0);
        world.change(org, "c-" + UUID.randomUUID(), RecordChanged.Operation.CREATED, Map.of(), List.of());
        assertThat(world.requests(org, 0)).isEmpty();
    }

    private static ConfigEvent deleted(World.Org org, UUID typeId, UUID transferTo) {
        return new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.USER_TYPE_DELETED, org.id, Instant.now(), null, null,
                new ConfigEvent.UserType(typeId.toString(), org.portalId.toString(), "Customers", List.of()), null,
                transferTo == null ? null : transferTo.toString());
    }
}
