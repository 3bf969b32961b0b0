package dev.portico.invitations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.RecordState;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** dispatch → eligibility → mail over real SMTP → SENT → accept with the mailed link → ACCEPTED. */
@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
class InviteFlowTest {

    @Inject
    EntityManager em;

    @Test
    void dispatchMailsAWorkingLinkOnceAndAcceptingItConfirms() throws Exception {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        String email = Stack.newEmail();
        InvitationDispatch dispatch = Stack.dispatch(org, portal,
                Stack.record("Amélie Durand", email, "fr-FR", RecordState.CLEAR), null);
        try (TopicReader events = new TopicReader(Topics.INVITATION_EVENTS)) {
            Stack.publish(dispatch);

            await().atMost(Duration.ofSeconds(30)).until(() -> !Stack.inbox(email).isEmpty());
            Map<String, Object> mail = Stack.inbox(email).get(0);
            assertThat(mail.get("subject")).isEqualTo("Invitation à rejoindre Acme Customers");
            String mime = Stack.mime(mail);
            assertThat(mime).contains("Bonjour Amélie Durand").contains("https://p-" + portal.toString().substring(0, 8)
                    + ".portals.localhost/accept?token=");
            String invitationId = event(events, dispatch.userId(), "SENT").path("invitationId").asText();
            assertThat(mime).contains("Message-ID: <" + invitationId + "@portico.local>");
            String token = Stack.token(mail);

            // the token exists only in the mail: the row holds its SHA-256
            String row = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "select cast(row_to_json(i) as text) from invitation i where id = cast(?1 as uuid)")
                    .setParameter(1, invitationId).getSingleResult().toString());
            assertThat(row).doesNotContain(token).contains("\"status\":\"SENT\"");
            long leaks = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from outbox where payload like ?1").setParameter(1, "%" + token + "%")
                    .getSingleResult()).longValue());
            assertThat(leaks).as("events carrying the token").isZero();

            // a redelivered dispatch sends no second mail and makes no second invitation
            Stack.publish(dispatch);
            given().body(Map.of("token", token)).contentType("application/json")
                    .when().post("/api/v1/invitations/accept")
                    .then().statusCode(200)
                    .body("portalId", equalTo(portal.toString()))
                    .body("portalUrl", equalTo("https://p-" + portal.toString().substring(0, 8) + ".portals.localhost"))
                    .body("email", equalTo(email));
            JsonNode accepted = event(events, dispatch.userId(), "ACCEPTED");
            assertThat(accepted.path("invitationId").asText()).isEqualTo(invitationId);
            assertThat(accepted.path("jobId").asText()).isEqualTo(dispatch.jobId());
            assertThat(accepted.path("language").asText()).isEqualTo("fr");

            given().body(Map.of("token", token)).contentType("application/json")
                    .when().post("/api/v1/invitations/accept")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("code", equalTo("INVITATION_ALREADY_ACCEPTED"));

            Thread.sleep(1500);
            assertThat(Stack.inbox(email)).hasSize(1);
            long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from invitation where org_id = ?1").setParameter(1, org).getSingleResult())
                    .longValue());
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void unknownOrMalformedTokensAre404WithoutSayingMore() {
        for (String token : List.of("A".repeat(43), "not a token", "x")) {
            given().body(Map.of("token", token)).contentType("application/json")
                    .when().post("/api/v1/invitations/accept")
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("INVITATION_NOT_FOUND"));
        }
        given().body("{}").contentType("application/json")
                .when().post("/api/v1/invitations/accept")
                .then().statusCode(400).contentType("application/problem+json");
    }

    static JsonNode event(TopicReader reader, String userId, String type) {
        List<ConsumerRecord<String, String>> found = reader.readUntil(r -> r.value().contains(userId)
                && r.value().contains("\"type\":\"" + type + "\""), l -> !l.isEmpty(), Duration.ofSeconds(30));
        assertThat(found).as(type + " event for user " + userId).isNotEmpty();
        try {
            return Stack.JSON.readTree(found.get(0).value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
