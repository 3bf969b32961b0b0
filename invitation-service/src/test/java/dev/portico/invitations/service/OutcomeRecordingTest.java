package dev.portico.invitations.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.Topics;
import dev.portico.invitations.ConfigServiceStub;
import dev.portico.invitations.domain.Invitation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import dev.portico.kit.testing.TopicReader;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Outcomes and revocations: a revocation is not undone by a mail's outcome recorded meanwhile, and an invitation
 * revoked before it was sent is reported, so that the job waiting for it settles.
 */
@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
class OutcomeRecordingTest {

    @Inject
    MailDelivery delivery;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Revocations revocations;

    @Test
    void anInvitationRevokedBeforeItWasSentIsReportedSoItsJobSettles() throws Exception {
        UUID id = pending();
        Invitation before = QuarkusTransaction.requiringNew().call(() -> em.find(Invitation.class, id));
        try (TopicReader events = new TopicReader(Topics.INVITATION_EVENTS)) {
            assertThat(QuarkusTransaction.requiringNew().call(() ->
                    revocations.revokeOpen(before.orgId, before.userId, Instant.now()))).isEqualTo(1);
            String user = before.userId.toString();
            List<ConsumerRecord<String, String>> found = events.readUntil(r -> r.value().contains(user)
                    && r.value().contains("\"type\":\"FAILED\""), got -> !got.isEmpty(), Duration.ofSeconds(30));
            assertThat(found).isNotEmpty();
            JsonNode failed = JSON.readTree(found.get(0).value());
            assertThat(failed.path("reason").asText()).isEqualTo("INVITATION_REVOKED");
            assertThat(failed.path("jobId").asText()).isEqualTo(before.jobId.toString());
        }
        assertThat(status(id)).isEqualTo("REVOKED");
    }

    @Test
    void aRevocationCommittingWhileTheOutcomeIsRecordedStands() throws Exception {
        UUID id = pending();
        runRevocationRace(id);
        assertThat(status(id)).isEqualTo("REVOKED");
    }

    /** Concurrent reinvites (found by an outside probe): the revoked invitation's mail still went out. */
    @Test
    void aMailDeliveredAfterItsInvitationWasRevokedIsLoggedAsSent() {
        UUID id = pending();
        Invitation before = QuarkusTransaction.requiringNew().call(() -> em.find(Invitation.class, id));
        QuarkusTransaction.requiringNew().run(() -> revocations.revokeOpen(before.orgId, before.userId, Instant.now()));
        assertThat(message(id)).startsWith("Replaced while its mail was being sent");
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.find(Invitation.class, id).sentAt)).isNull();

        Instant accepted = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> delivery.record(
                List.of(new MailDelivery.Outcome(id, null, accepted, new CompletableFuture<>()))));
        assertThat(status(id)).isEqualTo("REVOKED");
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.find(Invitation.class, id).sentAt))
                .isEqualTo(accepted);
        assertThat(message(id)).contains("The mail was delivered, but its link no longer works");
    }

    /** A claimed invitation of a bulk job, its mail on its way. */
    private UUID pending() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Invitation i = new Invitation();
            i.id = id;
            i.dispatchId = UUID.randomUUID();
            i.orgId = "org-" + UUID.randomUUID();
            i.portalId = UUID.randomUUID();
            i.userId = UUID.randomUUID();
            i.recordId = "c-1";
            i.name = "Jane Doe";
            i.email = "jane@customer.example";
            i.language = "en";
            i.source = "BULK";
            i.status = Invitation.Status.PENDING;
            i.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            i.nextAttemptAt = i.createdAt;
            i.sendingSince = i.createdAt;
            i.attempts = 1;
            i.jobId = UUID.randomUUID();
            em.persist(i);
        });
        return id;
    }

    private void runRevocationRace(UUID id) throws Exception {

        // warm up the recording path, so that below it runs while the revocation is still open
        QuarkusTransaction.requiringNew().run(() -> delivery.record(
                List.of(new MailDelivery.Outcome(UUID.randomUUID(), null, null, new CompletableFuture<>()))));

        // a reinvite's revocation is under way (its transaction holds the row) when the mail's outcome comes in
        CountDownLatch revoking = new CountDownLatch(1);
        CompletableFuture<Void> revocation = CompletableFuture.runAsync(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(
                        "update invitation set status = 'REVOKED', revoked_at = now() where id = ?")) {
                    ps.setObject(1, id);
                    ps.executeUpdate();
                }
                revoking.countDown();
                TimeUnit.MILLISECONDS.sleep(2000);
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(revoking.await(10, TimeUnit.SECONDS)).isTrue();
        QuarkusTransaction.requiringNew().run(() -> delivery.record(
                List.of(new MailDelivery.Outcome(id, null, null, new CompletableFuture<>()))));
        revocation.get(10, TimeUnit.SECONDS);
    }

    private String message(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select failure_message from invitation where id = ?1").setParameter(1, id).getSingleResult());
    }

    private String status(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select status from invitation where id = ?1").setParameter(1, id).getSingleResult());
    }
}
