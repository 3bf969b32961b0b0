package dev.portico.invitations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.awaitility.Awaitility.await;

import dev.portico.invitations.domain.Invitation;
import dev.portico.kit.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
class InvitationLogTest {

    @Inject
    EntityManager em;

    @Test
    void filtersByStatusSourceAndRecordWithinTheCallersOrg() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        Instant base = Instant.now();
        save(org, portal, "r1", "BULK", Invitation.Status.SENT, null, base.plusSeconds(1));
        save(org, portal, "r2", "BULK", Invitation.Status.FAILED, "COMPANY_DOMAIN", base.plusSeconds(2));
        save(org, portal, "r3", "AUTO", Invitation.Status.FAILED, "NO_CONSENT", base.plusSeconds(3));
        String auth = TestTokens.bearer(org, "portal.users");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", auth)
                .when().get("/api/v1/portals/{id}/invitations", portal).then().statusCode(200));

        given().header("Authorization", auth)
                .when().get("/api/v1/portals/{id}/invitations?status=failed", portal)
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.recordId", contains("r3", "r2"))
                .body("items.reason", contains("NO_CONSENT", "COMPANY_DOMAIN"))
                .body(not(containsString("tokenHash")));
        given().header("Authorization", auth)
                .when().get("/api/v1/portals/{id}/invitations?source=AUTO", portal)
                .then().statusCode(200).body("items.recordId", contains("r3"));
        given().header("Authorization", auth)
                .when().get("/api/v1/portals/{id}/invitations?recordId=r1&size=1", portal)
                .then().statusCode(200).body("items.status", contains("SENT")).body("size", equalTo(1));
        given().header("Authorization", auth)
                .when().get("/api/v1/portals/{id}/invitations?from={f}&to={t}", portal,
                        base.plusSeconds(2).toString(), base.plusSeconds(3).toString())
                .then().statusCode(200).body("items.recordId", contains("r2"));
        // another org's portal does not exist for the caller
        given().header("Authorization", TestTokens.bearer("other-org", "portal.users"))
                .when().get("/api/v1/portals/{id}/invitations", portal)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("PORTAL_NOT_FOUND"));
    }

    @Test
    void unknownFilterValueIs400NamingTheParameter() {
        given().header("Authorization", TestTokens.bearer("org-x", "portal.users"))
                .when().get("/api/v1/portals/{id}/invitations?status=lost", UUID.randomUUID())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("status"));
    }

    private void save(String org, UUID portal, String record, String source, Invitation.Status status, String reason,
            Instant createdAt) {
        Invitation i = new Invitation();
        i.id = UUID.randomUUID();
        i.orgId = org;
        i.portalId = portal;
        i.recordId = record;
        i.email = record + "@example.com";
        i.source = source;
        i.status = status;
        i.failureReason = reason;
        i.failureMessage = reason == null ? null : "because " + reason;
        i.tokenHash = java.util.HexFormat.of().parseHex(UUID.randomUUID().toString().replace("-", ""));
        i.createdAt = createdAt;
        QuarkusTransaction.requiringNew().run(() -> em.persist(i));
    }
}
