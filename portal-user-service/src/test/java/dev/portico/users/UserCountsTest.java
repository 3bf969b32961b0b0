package dev.portico.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.kit.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserCountsTest {

    @Inject
    EntityManager em;

    @Test
    void countsEachStateOfTheCallersPortalOnly() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = UUID.randomUUID();
        insert(org, portal, true, true, false);
        insert(org, portal, true, true, false);
        insert(org, portal, true, false, false);
        insert(org, portal, false, true, false);
        insert(org, portal, true, true, true);
        insert(org, UUID.randomUUID(), true, true, false);

        given().header("Authorization", TestTokens.bearer(org, "portal.users"))
                .when().get("/api/v1/portals/{id}/users/counts", portal)
                .then().statusCode(200)
                .body("all", equalTo(4))
                .body("active", equalTo(3))
                .body("confirmed", equalTo(2))
                .body("unconfirmed", equalTo(1))
                .body("deactivated", equalTo(1));

        given().header("Authorization", TestTokens.bearer("another-org", "portal.users"))
                .when().get("/api/v1/portals/{id}/users/counts", portal)
                .then().statusCode(200)
                .body("all", equalTo(0));
    }

    private void insert(String org, UUID portal, boolean active, boolean confirmed, boolean removed) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into portal_user (id, org_id, portal_id, user_type_id, module, record_id, email, email_normalized,
                    active, confirmed, removed_at, created_at, updated_at)
                values (?1, ?2, ?3, ?4, 'Contacts', ?5, ?6, ?6, ?7, ?8, case when ?9 then now() end, now(), now())""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, org)
                .setParameter(3, portal)
                .setParameter(4, UUID.randomUUID())
                .setParameter(5, UUID.randomUUID().toString())
                .setParameter(6, UUID.randomUUID() + "@example.com")
                .setParameter(7, active)
                .setParameter(8, confirmed)
                .setParameter(9, removed)
                .executeUpdate());
    }
}
