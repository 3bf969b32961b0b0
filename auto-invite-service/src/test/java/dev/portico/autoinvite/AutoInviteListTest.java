package dev.portico.autoinvite;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.autoinvite.domain.AutoInviteConfig;
import dev.portico.kit.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AutoInviteListTest {

    @Inject
    EntityManager em;

    @Inject
    World world;

    @Test
    void listsTheCallersConfigurationsWithTheirRules() {
        World.Org own = world.org();
        String org = own.id;
        UUID portal = own.portalId;
        AutoInviteConfig c = new AutoInviteConfig();
        c.id = UUID.randomUUID();
        c.orgId = org;
        c.portalId = portal;
        c.userTypeId = UUID.randomUUID();
        c.name = "French customers";
        c.enabled = true;
        c.triggers = new String[] {"CREATE", "UPDATE"};
        c.languageMode = "SINGLE";
        c.module = "Contacts";
        c.fieldTypes = "{\"Country\": \"TEXT\"}";
        c.rules = "[{\"language\":\"fr\",\"condition\":{\"field\":\"Country\",\"op\":\"eq\",\"value\":\"France\"}}]";
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        QuarkusTransaction.requiringNew().run(() -> em.persist(c));

        given().header("Authorization", TestTokens.bearer(org, "portal.config"))
                .when().get("/api/v1/portals/{id}/auto-invites", portal)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.name", contains("French customers"))
                .body("items[0].triggers", contains("CREATE", "UPDATE"))
                .body("items[0].rules[0].condition.value", equalTo("France"));
        given().header("Authorization", TestTokens.bearer("another-org", "portal.config"))
                .when().get("/api/v1/portals/{id}/auto-invites", portal)
                .then().statusCode(404).body("code", equalTo("PORTAL_NOT_FOUND"));
    }
}
