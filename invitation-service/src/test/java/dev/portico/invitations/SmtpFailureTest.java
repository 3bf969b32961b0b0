package dev.portico.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.RecordState;
import dev.portico.events.Topics;
import dev.portico.kit.testing.FreePorts;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The mail server refusing for good, stalling every session, down for longer than the retry window, and down for a
 * while then back —
 * against a mail server of the test's own on a port of its own.
 */
@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
@TestProfile(SmtpFailureTest.OwnSmtpPort.class)
class SmtpFailureTest {

    /** Chosen once per JVM: the profile and the test class may be loaded by different class loaders. */
    static final int SMTP_PORT = Integer.parseInt(System.getProperties().computeIfAbsent("portico.test.own-smtp-port",
            k -> Integer.toString(FreePorts.next())).toString());

    public static class OwnSmtpPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.port", Integer.toString(SMTP_PORT),
                    "portico.invitations.delivery.retry-window", "6s", "quarkus.mailer.timeout", "1s");
        }
    }

    @Inject
    EntityManager em;

    @Test
    void refusedFailsAtOnceDownHoldsThenDeliversOrFailsAfterTheWindow() throws Exception {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        try (TopicReader events = new TopicReader(Topics.INVITATION_EVENTS)) {
            // a permanent refusal (5xx) fails the invitation with the server's reply, without retrying
            try (RefusingSmtpServer refusing = new RefusingSmtpServer(SMTP_PORT)) {
                InvitationDispatch refused = dispatch(org, portal);
                Stack.publish(refused);
                JsonNode failed = InviteFlowTest.event(events, refused.userId(), "FAILED");
                assertThat(failed.path("reason").asText()).isEqualTo("DELIVERY_FAILED");
                assertThat(failed.path("message").asText()).contains("550").contains("Mailbox does not exist");
                assertThat(attempts(refused)).isEqualTo(1);
            }

            // the server greets, then never answers: the send is abandoned after quarkus.mailer.timeout and the
            // invitation held for the next attempt, not stuck with its sender for good
            try (RefusingSmtpServer stalling = RefusingSmtpServer.stalling(SMTP_PORT)) {
                InvitationDispatch stalled = dispatch(org, portal);
                Stack.publish(stalled);
                await().atMost(Duration.ofSeconds(10)).until(() -> attempts(stalled) >= 2);
                assertThat(status(stalled)).isEqualTo("PENDING");
                JsonNode late = InviteFlowTest.event(events, stalled.userId(), "FAILED");
                assertThat(late.path("reason").asText()).isEqualTo("DELIVERY_FAILED");
                assertThat(late.path("message").asText()).contains("within 6s");
            }

            // nothing listens: held and retried until the window closes, then DELIVERY_FAILED
            InvitationDispatch abandoned = dispatch(org, portal);
            Stack.publish(abandoned);
            JsonNode late = InviteFlowTest.event(events, abandoned.userId(), "FAILED");
            assertThat(late.path("reason").asText()).isEqualTo("DELIVERY_FAILED");
            assertThat(late.path("message").asText()).contains("within 6s");
            assertThat(attempts(abandoned)).isGreaterThan(1);

            // down for a while, then back: the held invitation goes out
            InvitationDispatch held = dispatch(org, portal);
            Stack.publish(held);
            await().atMost(Duration.ofSeconds(20)).until(() -> attempts(held) >= 2);
            assertThat(status(held)).isEqualTo("PENDING");
            try (OwnGreenMail mail = OwnGreenMail.start(SMTP_PORT)) {
                JsonNode sent = InviteFlowTest.event(events, held.userId(), "SENT");
                assertThat(sent.path("recordId").asText()).isEqualTo(held.record().recordId());
                await().atMost(Duration.ofSeconds(10)).until(() -> mail.inbox(held.record().email()).size() == 1);
            }
        }
    }

    private static InvitationDispatch dispatch(String org, UUID portal) {
        return Stack.dispatch(org, portal, Stack.record("Jane Doe", Stack.newEmail(), "en", RecordState.CLEAR), null);
    }

    private int attempts(InvitationDispatch d) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(max(attempts), 0) from invitation where dispatch_id = ?1")
                .setParameter(1, d.eventId()).getSingleResult()).intValue());
    }

    private String status(InvitationDispatch d) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select status from invitation where dispatch_id = ?1").setParameter(1, d.eventId()).getSingleResult());
    }
}
