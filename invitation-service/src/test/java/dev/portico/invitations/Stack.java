package dev.portico.invitations;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.portico.events.ConfigEvent;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.InviteSource;
import dev.portico.events.PorticoEvent;
import dev.portico.events.RecordSnapshot;
import dev.portico.events.RecordState;
import dev.portico.invitations.domain.Invitation;
import dev.portico.kit.testing.MailApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test helpers: publish config, dispatch and user events to the real Kafka; read invitation mail back. */
final class Stack {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Pattern TOKEN = Pattern.compile("/accept\\?token=([A-Za-z0-9_-]{43})");
    private static KafkaProducer<String, String> producer;

    private Stack() {
    }

    static synchronized void publish(PorticoEvent event) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        try {
            producer.send(new ProducerRecord<>(event.topic(), event.key(), JSON.writeValueAsString(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new org with its settings, and an ACTIVE portal; returns the portal's id. */
    static UUID orgWithPortal(String org, List<String> companyDomains, boolean gdpr, String defaultLanguage) {
        publish(new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.ORG_UPDATED, org, Instant.now(),
                new ConfigEvent.Org("Org " + org, "ENTERPRISE", null, null, companyDomains, gdpr, defaultLanguage,
                        null, null, false), null, null, null, null));
        UUID portal = UUID.randomUUID();
        publishPortal(org, portal, ConfigEvent.Type.PORTAL_CREATED, "ACTIVE", 7);
        return portal;
    }

    static UUID orgWithPortal(String org) {
        return orgWithPortal(org, List.of("acme.example"), false, "en");
    }

    static void publishPortal(String org, UUID portal, ConfigEvent.Type type, String status, int expiryDays) {
        String slug = "p-" + portal.toString().substring(0, 8);
        publish(new ConfigEvent(UUID.randomUUID(), type, org, Instant.now(), null,
                new ConfigEvent.Portal(portal.toString(), "Acme Customers", "Contacts", slug,
                        "https://" + slug + ".portals.localhost", List.of(), status, expiryDays, false),
                null, null, null));
    }

    static RecordSnapshot record(String name, String email, String language, RecordState state) {
        return new RecordSnapshot("Contacts", "rec-" + UUID.randomUUID(), 1, name, email, language, Map.of(), state);
    }

    static InvitationDispatch dispatch(String org, UUID portal, RecordSnapshot record, String language) {
        return dispatch(org, portal, UUID.randomUUID(), record, language, false);
    }

    static InvitationDispatch dispatch(String org, UUID portal, UUID userId, RecordSnapshot record, String language,
            boolean reinvite) {
        return new InvitationDispatch(UUID.randomUUID(), InvitationDispatch.TYPE, org, Instant.now(), portal.toString(),
                UUID.randomUUID().toString(), userId.toString(), UUID.randomUUID().toString(), InviteSource.BULK, null,
                language, reinvite, record);
    }

    static String newEmail() {
        return "inv-" + UUID.randomUUID() + "@customer.example";
    }

    /** The messages in {@code email}'s inbox; none while the mail server has never seen the address. */
    static List<Map<String, Object>> inbox(String email) {
        var response = io.restassured.RestAssured.given().baseUri(MailApi.baseUrl())
                .when().get("/api/user/{email}/messages/INBOX", email);
        if (response.statusCode() == 400 && response.asString().contains("not found")) {
            return List.of();
        }
        return response.then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The decoded MIME source of a message from {@link MailApi#inbox}. */
    static String mime(Map<String, Object> message) {
        String raw = message.get("mimeMessage").toString();
        return raw.toLowerCase().contains("quoted-printable") ? quotedPrintable(raw) : raw;
    }

    static String token(Map<String, Object> message) {
        // a 7bit part that a quoted-printable decoding garbled does not match; its twin part does
        Matcher m = TOKEN.matcher(mime(message));
        if (!m.find()) {
            throw new AssertionError("no accept link in " + message.get("mimeMessage"));
        }
        return m.group(1);
    }

    private static String quotedPrintable(String source) {
        String joined = source.replace("=\r\n", "").replace("=\n", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length() && isHex(joined.charAt(i + 1)) && isHex(joined.charAt(i + 2))) {
                out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && (Character.isDigit(c) || Character.isUpperCase(c));
    }

    /** Waits until the service's config directory knows the portal (before rows the worker would pick up appear). */
    static void awaitPortalKnown(EntityManager em, UUID portal) {
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                !em.createNativeQuery("select 1 from config_snapshot where kind = 'portal' and id = ?1")
                        .setParameter(1, portal.toString()).getResultList().isEmpty()));
    }

    /** An invitation row as the delivery leaves it: PENDING ones claimed (an attempt started) at {@code at}. */
    static Invitation invitation(String org, UUID portal, Invitation.Status status, int attempts, Instant at) {
        Invitation i = new Invitation();
        i.id = UUID.randomUUID();
        i.dispatchId = UUID.randomUUID();
        i.orgId = org;
        i.portalId = portal;
        i.userId = UUID.randomUUID();
        i.userTypeId = UUID.randomUUID().toString();
        i.recordId = "rec-" + i.id;
        i.name = "Jane Doe";
        i.email = newEmail();
        i.language = "en";
        i.source = "BULK";
        i.status = status;
        i.attempts = attempts;
        i.createdAt = at;
        i.nextAttemptAt = at;
        i.tokenHash = HexFormat.of().parseHex(UUID.randomUUID().toString().replace("-", ""));
        i.expiresAt = at.plus(Duration.ofDays(7));
        if (status == Invitation.Status.PENDING) {
            i.sendingSince = at;
        } else {
            i.sentAt = at;
        }
        return i;
    }
}
