package dev.portico.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.invitations.domain.Invitation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a sender that died leaves behind: an attempt recorded but no outcome is sent again once its lease has
 * run out, under the same Message-ID; what was recorded as sent is never sent again.
 */
@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
class DeliveryRecoveryTest {

    @Inject
    EntityManager em;

    @Test
    void anAttemptWithoutOutcomeIsResentWithItsMessageIdAndASentOneNever() throws Exception {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        Instant crash = Instant.now().minus(Duration.ofMinutes(10));
        Invitation orphan = Stack.invitation(org, portal, Invitation.Status.PENDING, 1, crash);
        Invitation sent = Stack.invitation(org, portal, Invitation.Status.SENT, 1, crash);
        // wait until the directory knows the portal before the rows become visible to the worker
        Stack.awaitPortalKnown(em, portal);
        QuarkusTransaction.requiringNew().run(() -> {
            em.persist(orphan);
            em.persist(sent);
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> Stack.inbox(orphan.email).size() == 1);
        assertThat(Stack.mime(Stack.inbox(orphan.email).get(0))).contains("Message-ID: <" + orphan.id + "@portico.local>");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(orphan.id) == Invitation.Status.SENT);
        Invitation after = QuarkusTransaction.requiringNew().call(() -> em.find(Invitation.class, orphan.id));
        assertThat(after.attempts).isEqualTo(2);
        assertThat(after.tokenHash).isNotEqualTo(orphan.tokenHash);

        Thread.sleep(1500);
        assertThat(Stack.inbox(sent.email)).isEmpty();
        assertThat(status(sent.id)).isEqualTo(Invitation.Status.SENT);
    }

    private Invitation.Status status(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(Invitation.class, id).status);
    }
}
