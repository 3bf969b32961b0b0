package dev.portico.kit.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.kit.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An event Kafka would refuse is refused at the source: 413 problem+json, and the change does not happen. */
@QuarkusTest
class OutboxPayloadLimitTest {

    @Inject
    EntityManager em;

    @Test
    void eventAboveTheLimitIsA413AndChangesNothing() {
        String org = "org-big-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(org, "portal.config"))
                .contentType("text/plain").body("x".repeat(950 * 1024))
                .when().post("/api/v1/probe/outbox-notes")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"))
                .body("detail", containsString("921600"));

        assertThat(count("select count(*) from probe_note where text = ?1", org)).as("no state change").isZero();
        assertThat(count("select count(*) from outbox where msg_key = ?1", org)).as("no event").isZero();
    }

    @Test
    void eventJustBelowTheLimitIsPublished() {
        String org = "org-fits-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(org, "portal.config"))
                .contentType("text/plain").body("x".repeat(890 * 1024))
                .when().post("/api/v1/probe/outbox-notes")
                .then().statusCode(200);

        assertThat(count("select count(*) from probe_note where text = ?1", org)).isEqualTo(1);
        assertThat(count("select count(*) from outbox where msg_key = ?1", org)).isEqualTo(1);
    }

    private long count(String sql, String org) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, org).getSingleResult()).longValue());
    }
}
