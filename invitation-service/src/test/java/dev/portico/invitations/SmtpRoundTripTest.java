package dev.portico.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.kit.testing.MailApi;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Mail goes over real SMTP to the devstack's server and is read back through its web API. */
@QuarkusTest
class SmtpRoundTripTest {

    @Inject
    Mailer mailer;

    @Test
    void mailSentOverSmtpIsInTheInbox() {
        String to = "smtp-" + UUID.randomUUID() + "@example.com";
        mailer.send(Mail.withHtml(to, "Bienvenue sur le portail", "<p>Votre lien : <a href=\"https://x\">ici</a></p>"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !MailApi.inbox(to).isEmpty());
        List<Map<String, Object>> inbox = MailApi.inbox(to);
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).get("subject")).isEqualTo("Bienvenue sur le portail");
        assertThat(inbox.get(0).get("mimeMessage").toString()).contains("Votre lien");
    }
}
