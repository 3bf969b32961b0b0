package dev.portico.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.invitations.domain.Invitation;
import dev.portico.invitations.service.DeliveryJournal;
import dev.portico.invitations.service.MailDelivery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a process killed mid-delivery leaves in its journal is settled by the next one at once, not after the send
 * lease: a mail the server had accepted is recorded SENT and not sent again; an attempt without acceptance goes out
 * now; an attempt claimed again since, a settled invitation and a live process's journal are left alone.
 */
@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
class DeliveryJournalTest {

    @Inject
    EntityManager em;

    @Inject
    DeliveryJournal journal;

    @Inject
    MailDelivery delivery;

    @Test
    void aDeadProcessesJournalIsSettledAndALiveOnesIsLeftAlone() throws Exception {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        Stack.awaitPortalKnown(em, portal);
        // claimed a moment ago, well within the lease: without the journal none would move for two minutes
        Instant claimed = Instant.now().minusSeconds(1);
        Instant acceptedAt = claimed.plusMillis(300).truncatedTo(ChronoUnit.MILLIS);
        Invitation accepted = Stack.invitation(org, portal, Invitation.Status.PENDING, 1, claimed);
        Invitation unfinished = Stack.invitation(org, portal, Invitation.Status.PENDING, 1, claimed);
        Invitation claimedAgain = Stack.invitation(org, portal, Invitation.Status.PENDING, 2, claimed);
        Invitation alreadySent = Stack.invitation(org, portal, Invitation.Status.SENT, 1, claimed);
        Invitation ofALiveProcess = Stack.invitation(org, portal, Invitation.Status.PENDING, 1, claimed);
        QuarkusTransaction.requiringNew().run(() -> {
            em.persist(accepted);
            em.persist(unfinished);
            em.persist(claimedAgain);
            em.persist(alreadySent);
            em.persist(ofALiveProcess);
        });

        Files.createDirectories(journal.directory());
        Path dead = journal.directory().resolve(journal.prefix() + "-" + UUID.randomUUID() + ".journal");
        Files.writeString(dead, String.join("\n",
                "C " + accepted.id + " 1", "C " + unfinished.id + " 1", "C " + claimedAgain.id + " 1",
                "C " + alreadySent.id + " 1", "A " + accepted.id + " 1 " + acceptedAt.toEpochMilli(),
                "A " + claimedAgain.id + " 1 " + acceptedAt.toEpochMilli(),
                "A " + alreadySent.id + " 1 " + acceptedAt.toEpochMilli(),
                "A " + unfinished.id + " 1") // the crash cut the last line short
                , StandardCharsets.US_ASCII);
        Path live = journal.directory().resolve(journal.prefix() + "-" + UUID.randomUUID() + ".journal");
        Files.writeString(live, "C " + ofALiveProcess.id + " 1\nA " + ofALiveProcess.id + " 1 "
                + acceptedAt.toEpochMilli() + "\n");
        try (FileChannel channel = FileChannel.open(live, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            delivery.settleOrphans();

            assertThat(dead).doesNotExist();
            assertThat(live).exists();
        } finally {
            Files.deleteIfExists(live);
        }

        Invitation recorded = find(accepted.id);
        assertThat(recorded.status).isEqualTo(Invitation.Status.SENT);
        assertThat(recorded.sentAt).as("sent as of the server's acceptance, as journaled").isEqualTo(acceptedAt);
        assertThat(recorded.attempts).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> Stack.inbox(unfinished.email).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> find(unfinished.id).status == Invitation.Status.SENT);
        assertThat(find(unfinished.id).attempts).isEqualTo(2);

        Thread.sleep(1500);
        assertThat(Stack.inbox(accepted.email)).as("accepted before the crash: not sent again").isEmpty();
        Invitation other = find(claimedAgain.id);
        assertThat(other.status).isEqualTo(Invitation.Status.PENDING);
        assertThat(other.attempts).isEqualTo(2);
        assertThat(other.sendingSince).isNotNull();
        assertThat(find(alreadySent.id).status).isEqualTo(Invitation.Status.SENT);
        assertThat(Stack.inbox(alreadySent.email)).isEmpty();
        Invitation alive = find(ofALiveProcess.id);
        assertThat(alive.status).isEqualTo(Invitation.Status.PENDING);
        assertThat(alive.sendingSince).isNotNull();
        assertThat(Stack.inbox(ofALiveProcess.email)).isEmpty();
    }

    private Invitation find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(Invitation.class, id));
    }
}
