package dev.portico.invitations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.invitations.ConfigServiceStub;
import dev.portico.invitations.domain.Invitation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A mail's outcome recorded while a revocation of the same invitation commits does not undo the revocation. */
@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
class OutcomeRecordingTest {

    @Inject
    MailDelivery delivery;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Test
    void aRevocationCommittingWhileTheOutcomeIsRecordedStands() throws Exception {
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
            em.persist(i);
        });

        // warm up the recording path, so that below it runs while the revocation is still open
        QuarkusTransaction.requiringNew().run(() -> delivery.record(
                List.of(new MailDelivery.Outcome(UUID.randomUUID(), null, new CompletableFuture<>()))));

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
                List.of(new MailDelivery.Outcome(id, null, new CompletableFuture<>()))));
        revocation.get(10, TimeUnit.SECONDS);

        String status = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select status from invitation where id = ?1").setParameter(1, id).getSingleResult());
        assertThat(status).isEqualTo("REVOKED");
    }
}
