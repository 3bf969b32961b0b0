package dev.portico.invitations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.events.ConfigEvent;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.RecordSnapshot;
import dev.portico.events.RecordState;
import dev.portico.events.Topics;
import dev.portico.events.UserEvent;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tokens are single use and stop working when they expire, when a reinvite replaces them, or the user goes. */
@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
class TokenLifecycleTest {

    @Inject
    EntityManager em;

    @Test
    void reinviteRevokesTheOlderTokenAndMailsANewOne() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        UUID user = UUID.randomUUID();
        RecordSnapshot record = Stack.record("Jane Doe", Stack.newEmail(), "en", RecordState.CLEAR);
        String first = invite(Stack.dispatch(org, portal, user, record, null, false), 1);
        String second = invite(Stack.dispatch(org, portal, user, record, null, true), 2);
        assertThat(second).isNotEqualTo(first);

        accept(first).statusCode(410).body("code", equalTo("INVITATION_REVOKED"));
        accept(second).statusCode(200).body("email", equalTo(record.email()));
    }

    /**
     * A reinvite that raced the user's acceptance (portal-user had not yet seen it; found by an outside probe) still
     * mails a link, but that link does not confirm the user a second time.
     */
    @Test
    void aUserWhoAcceptedCannotAcceptASecondInvitation() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        UUID user = UUID.randomUUID();
        RecordSnapshot record = Stack.record("John Roe", Stack.newEmail(), "en", RecordState.CLEAR);
        String first = invite(Stack.dispatch(org, portal, user, record, null, false), 1);
        accept(first).statusCode(200);

        String second = invite(Stack.dispatch(org, portal, user, record, null, true), 2);
        accept(second).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("INVITATION_ALREADY_ACCEPTED"));
        accept(first).statusCode(409).body("code", equalTo("INVITATION_ALREADY_ACCEPTED"));
    }

    @Test
    void removedAndDeactivatedUsersLoseTheirOpenInvitations() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        for (UserEvent.Type type : List.of(UserEvent.Type.REMOVED, UserEvent.Type.DEACTIVATED)) {
            UUID user = UUID.randomUUID();
            RecordSnapshot record = Stack.record("Jane Doe", Stack.newEmail(), "en", RecordState.CLEAR);
            String token = invite(Stack.dispatch(org, portal, user, record, null, false), 1);
            Stack.publish(new UserEvent(UUID.randomUUID(), type, org, Instant.now(), portal.toString(),
                    user.toString(), null, null, "Contacts", record.recordId(), record.email()));
            // wait without accepting: an accept before the event is applied would (rightly) succeed
            await().atMost(Duration.ofSeconds(20)).until(() -> "REVOKED".equals(status(user)));
            accept(token).statusCode(410).body("code", equalTo("INVITATION_REVOKED"));
        }
    }

    @Test
    void expiredInvitationsAreMarkedAnnouncedAndRefused() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        InvitationDispatch dispatch = Stack.dispatch(org, portal,
                Stack.record("Jane Doe", Stack.newEmail(), "en", RecordState.CLEAR), null);
        String token = invite(dispatch, 1);
        try (TopicReader events = new TopicReader(Topics.INVITATION_EVENTS)) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update invitation set expires_at = now() - interval '1 second' where dispatch_id = ?1")
                    .setParameter(1, dispatch.eventId()).executeUpdate());
            assertThat(InviteFlowTest.event(events, dispatch.userId(), "EXPIRED").path("recordId").asText())
                    .isEqualTo(dispatch.record().recordId());
        }
        accept(token).statusCode(410).body("code", equalTo("INVITATION_EXPIRED"));
    }

    @Test
    void aDisabledPortalTakesNoOneInUntilItIsEnabledAgain() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        UUID user = UUID.randomUUID();
        String token = invite(Stack.dispatch(org, portal, user, Stack.record("Jane Doe", Stack.newEmail(), "en",
                RecordState.CLEAR), null, false), 1);
        Stack.publishPortal(org, portal, ConfigEvent.Type.PORTAL_UPDATED, "DISABLED", 7);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                accept(token).statusCode(409).body("code", equalTo("PORTAL_UNAVAILABLE")));
        assertThat(status(user)).isEqualTo("SENT");

        Stack.publishPortal(org, portal, ConfigEvent.Type.PORTAL_UPDATED, "ACTIVE", 7);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> accept(token).statusCode(200));
        assertThat(status(user)).isEqualTo("ACCEPTED");
    }

    private String status(UUID user) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select status from invitation where user_id = ?1").setParameter(1, user).getSingleResult());
    }

    /** Publishes the dispatch and returns the token of the newest of {@code mails} mails in the inbox. */
    private static String invite(InvitationDispatch dispatch, int mails) {
        String email = dispatch.record().email();
        Stack.publish(dispatch);
        await().atMost(Duration.ofSeconds(30)).until(() -> Stack.inbox(email).size() >= mails);
        List<Map<String, Object>> inbox = Stack.inbox(email);
        assertThat(inbox).hasSize(mails);
        return Stack.token(inbox.get(mails - 1));
    }

    private static ValidatableResponse accept(String token) {
        return given().body(Map.of("token", token)).contentType("application/json")
                .when().post("/api/v1/invitations/accept")
                .then();
    }
}
