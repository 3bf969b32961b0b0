package dev.portico.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.kit.testing.MailApi;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.mail.mailencoder.EncodedPart;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our copy of vertx-mail-client's SMTPSendMail (src/main/java/io/vertx/ext/mail/impl) writes a message in chunks
 * instead of a line at a time. Here, on the plain class path where it comes before the jar's, a large two-part
 * message with lines that start with a dot (dot-stuffed on the wire, several chunks long) must reach the test
 * stack's mail server exactly as written.
 */
class ChunkedSmtpWritesTest {

    private static Vertx vertx;
    private static MailClient client;

    @BeforeAll
    static void client() {
        vertx = Vertx.vertx();
        client = MailClient.create(vertx, new MailConfig()
                .setHostname(env("PORTICO_SMTP_HOST", "127.0.0.1"))
                .setPort(Integer.parseInt(env("PORTICO_SMTP_PORT", "1025")))
                .setStarttls(StartTLSOptions.DISABLED)
                .setKeepAlive(true));
    }

    @AfterAll
    static void close() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theChunkedCopyIsTheOneInUse() throws Exception {
        assertThat(Class.forName("io.vertx.ext.mail.impl.SMTPSendMail").getDeclaredField("CHUNK")).isNotNull();
    }

    @Test
    void aLargeMessageArrivesExactlyAsWritten() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append(i % 7 == 0 ? "." : "").append("line ").append(i).append(" of the plain-text part\n");
        }
        text.append(".\n").append("the end"); // ~100 KB on the wire: four chunks
        String html = "<p>one</p>\n.<p>two</p>\n..<p>three</p>";
        String to = "chunks-" + UUID.randomUUID() + "@example.com";

        client.sendMail(new MailMessage().setFrom("sender@example.com").setTo(to).setSubject("Chunks")
                        .setText(text.toString()).setHtml(html))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> !MailApi.inbox(to).isEmpty());
        String received = MailApi.inbox(to).get(0).get("mimeMessage").toString().replace("\r\n", "\n");
        assertThat(received).contains(text).contains(html).contains("Subject: Chunks");
        // both parts, each once, and the closing boundary after them
        assertThat(received.indexOf("Content-Type: text/plain")).isPositive()
                .isLessThan(received.indexOf("Content-Type: text/html"));
        assertThat(received.strip()).endsWith("--");
    }

    /**
     * The message takes the chunked path (not the line-by-line one the copy falls back to for streamed parts), with
     * CRLF line ends and dot-stuffing: the copy's own rendering of the DATA content, read through reflection.
     */
    @Test
    void theChunkedPathRendersCrlfLinesWithDotsStuffed() throws Exception {
        MailMessage message = new MailMessage().setFrom("sender@example.com").setTo("to@example.com")
                .setSubject("Dots").setText("first\n.second\n\n..third").setHtml("<p>x</p>");
        EncodedPart part = new MailEncoder(message, "localhost").encodeMail();
        Method append = Class.forName("io.vertx.ext.mail.impl.SMTPSendMail")
                .getDeclaredMethod("appendInMemory", StringBuilder.class, EncodedPart.class, boolean.class);
        append.setAccessible(true);
        StringBuilder data = new StringBuilder();

        assertThat((boolean) append.invoke(null, data, part, true)).isTrue();
        String wire = data.toString();
        assertThat(wire).endsWith("--\r\n").contains("\r\nfirst\r\n..second\r\n\r\n...third\r\n");
        assertThat(wire.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
