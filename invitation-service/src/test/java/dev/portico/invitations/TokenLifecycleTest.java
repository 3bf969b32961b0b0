package dev.portico.invitations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.ConfigEvent;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.RecordSnapshot;
import dev.portico.events.RecordState;
import dev.portico.events.Topics;
import dev.portico.events.UserEvent;
import dev.portico.invitations.domain.Invitation;
import dev.portico.invitations.service.Tokens;
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
     * A reinvite that raced the user's acceptance (portal-user had not yet seen it; found by an outside probe) is
     * refused with ALREADY_CONFIRMED and mails nothing; and should one still hold a live link (the reinvite read
     * the ledger just before the acceptance committed), that link does not confirm the user a second time.
     */
    @Test
    void aUserWhoAcceptedGetsNoSecondInvitationAndNoSecondAcceptance() throws Exception {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        UUID user = UUID.randomUUID();
        RecordSnapshot record = Stack.record("John Roe", Stack.newEmail(), "en", RecordState.CLEAR);
        String first = invite(Stack.dispatch(org, portal, user, record, null, false), 1);
        accept(first).statusCode(200);

        InvitationDispatch reinvite = Stack.dispatch(org, portal, user, record, null, true);
        try (TopicReader events = new TopicReader(Topics.INVITATION_EVENTS)) {
            Stack.publish(reinvite);
            JsonNode failed = InviteFlowTest.event(events, reinvite.userId(), "FAILED");
            assertThat(failed.path("reason").asText()).isEqualTo("ALREADY_CONFIRMED");
            assertThat(failed.path("jobId").asText()).isEqualTo(reinvite.jobId());
        }
        assertThat(Stack.inbox(record.email())).hasSize(1);
        accept(first).statusCode(409).body("code", equalTo("INVITATION_ALREADY_ACCEPTED"));

        Tokens.Token raced = Tokens.generate();
        QuarkusTransaction.requiringNew().run(() -> {
            Invitation i = Stack.invitation(org, portal, Invitation.Status.SENT, 1, Instant.now());
            i.userId = user;
            i.recordId = record.recordId();
            i.tokenHash = raced.hash();
            em.persist(i);
        });
        accept(raced.value()).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("INVITATION_ALREADY_ACCEPTED"));
    }

    /** A deleted portal never opens again: its links are refused as revoked, not "try again later". */
    @Test
    void aDeletedPortalsLinksAreRevoked() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        String token = invite(Stack.dispatch(org, portal, UUID.randomUUID(), Stack.record("Jane Doe", Stack.newEmail(),
                "en", RecordState.CLEAR), null, false), 1);
        Stack.publishPortal(org, portal, ConfigEvent.Type.PORTAL_DELETED, "ACTIVE", 7);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> accept(token).statusCode(410)
                .body("code", equalTo("INVITATION_REVOKED"))
                .body("detail", containsString("no longer exists")));
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

    /**
     * A link used in the moment between a user's removal and this service hearing of it (found by an outside probe):
     * portal-user ignores that acceptance, and once the removal arrives the ledger withdraws it and the link is dead.
     * A user removed after accepting keeps the acceptance on record.
     */
    @Test
    void anAcceptanceThatOvertookTheRemovalIsWithdrawn() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        UUID raced = UUID.randomUUID();
        RecordSnapshot racedRecord = Stack.record("Jane Doe", Stack.newEmail(), "en", RecordState.CLEAR);
        String racedToken = invite(Stack.dispatch(org, portal, raced, racedRecord, null, false), 1);
        Instant removedAt = Instant.now();
        accept(racedToken).statusCode(200);

        UUID later = UUID.randomUUID();
        RecordSnapshot laterRecord = Stack.record("John Roe", Stack.newEmail(), "en", RecordState.CLEAR);
        String laterToken = invite(Stack.dispatch(org, portal, later, laterRecord, null, false), 1);
        accept(laterToken).statusCode(200);
        UserEvent laterRemoval = removed(org, portal, later, laterRecord, Instant.now());
        Stack.publish(laterRemoval);
        Stack.publish(removed(org, portal, raced, racedRecord, removedAt));

        await().atMost(Duration.ofSeconds(20)).until(() -> "REVOKED".equals(status(raced)));
        accept(racedToken).statusCode(410).body("code", equalTo("INVITATION_REVOKED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> !em
                .createNativeQuery("select 1 from processed_event where event_id = ?1")
                .setParameter(1, laterRemoval.eventId()).getResultList().isEmpty()));
        assertThat(status(later)).isEqualTo("ACCEPTED");
    }

    private static UserEvent removed(String org, UUID portal, UUID user, RecordSnapshot record, Instant at) {
        return new UserEvent(UUID.randomUUID(), UserEvent.Type.REMOVED, org, at, portal.toString(), user.toString(),
                null, null, "Contacts", record.recordId(), record.email());
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
