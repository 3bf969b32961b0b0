package dev.portico.autoinvite;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.kit.directory.ConfigDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.portico.events.ConfigEvent;
import dev.portico.events.FailureReason;
import dev.portico.events.InvitationEvent;
import dev.portico.events.InviteRequested;
import dev.portico.events.InviteSource;
import dev.portico.events.PorticoEvent;
import dev.portico.events.RecordChanged;
import dev.portico.events.RecordState;
import dev.portico.events.Topics;
import dev.portico.events.UserEvent;
import dev.portico.kit.testing.TestTokens;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.runtime.ShutdownEvent;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The world around auto-invite-service in tests, over the real Kafka: portal-config-service's config events, the
 * CRM's record changes, portal-user-service's user events and invitation outcomes, published as they would be.
 */
@ApplicationScoped
public class World {

    /** The Contacts fields the tests' module metadata declares: one of every type conditions can test. */
    public static final List<ConfigEvent.Field> FIELDS = List.of(
            new ConfigEvent.Field("Full_Name", "TEXT", null),
            new ConfigEvent.Field("Email", "EMAIL", null),
            new ConfigEvent.Field("Country", "TEXT", null),
            new ConfigEvent.Field("Subscription", "PICKLIST", null),
            new ConfigEvent.Field("Age", "NUMBER", null),
            new ConfigEvent.Field("Revenue", "CURRENCY", null),
            new ConfigEvent.Field("Birthday", "DATE", null),
            new ConfigEvent.Field("Last_Login", "DATETIME", null),
            new ConfigEvent.Field("Vip", "BOOLEAN", null),
            new ConfigEvent.Field("Interests", "MULTI_PICKLIST", null),
            new ConfigEvent.Field("Account_Name", "LOOKUP", "Accounts"),
            new ConfigEvent.Field("Partners", "MULTI_LOOKUP", "Accounts"));

    @Inject
    ObjectMapper mapper;

    @Inject
    ConfigDirectory directory;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private volatile KafkaProducer<String, String> producer;

    /** An org with the Contacts metadata above and one Contacts portal with one user type, all known here. */
    public Org org() {
        Org org = new Org("org-" + UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        send(new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.MODULE_UPDATED, org.id, Instant.now(), null, null,
                null, new ConfigEvent.Module("Contacts", "Full_Name", "Email", FIELDS), null));
        userType(org, org.portalId, org.userTypeId);
        portal(org, org.portalId);
        await().atMost(Duration.ofSeconds(30)).until(() -> org.config()
                .get("/api/v1/portals/{p}/auto-invites", org.portalId).statusCode() == 200);
        return org;
    }

    public void portal(Org org, UUID portalId) {
        send(new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.PORTAL_CREATED, org.id, Instant.now(), null,
                new ConfigEvent.Portal(portalId.toString(), "Customer portal", "Contacts", "p-" + portalId,
                        "https://p-" + portalId + ".portals.localhost", List.of(), "ACTIVE", 7, false),
                null, null, null));
    }

    /** Changes a portal's status and returns once this service's config directory has it. */
    public void portalStatus(Org org, UUID portalId, String status) {
        send(new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.PORTAL_UPDATED, org.id, Instant.now(), null,
                new ConfigEvent.Portal(portalId.toString(), "Customer portal", "Contacts", "p-" + portalId,
                        "https://p-" + portalId + ".portals.localhost", List.of(), status, 7, false),
                null, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                directory.portal(org.id, portalId).map(p -> status.equals(p.status())).orElse(false)));
    }

    public void userType(Org org, UUID portalId, UUID typeId) {
        send(new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.USER_TYPE_CREATED, org.id, Instant.now(), null, null,
                new ConfigEvent.UserType(typeId.toString(), portalId.toString(), "Customers", List.of()), null, null));
    }

    /** A second portal of the same org (and its user type), known here once this returns. */
    public UUID secondPortal(Org org, UUID typeId) {
        UUID portalId = UUID.randomUUID();
        userType(org, portalId, typeId);
        portal(org, portalId);
        await().atMost(Duration.ofSeconds(30)).until(() -> org.config()
                .get("/api/v1/portals/{p}/auto-invites", portalId).statusCode() == 200);
        return portalId;
    }

    public RecordChanged change(Org org, String recordId, RecordChanged.Operation operation, Map<String, Object> fields,
            List<String> changedFields) {
        RecordChanged event = new RecordChanged(UUID.randomUUID(), RecordChanged.TYPE, org.id, Instant.now(),
                "Contacts", recordId, operation, System.nanoTime(), fields, changedFields, RecordState.CLEAR);
        send(event);
        return event;
    }

    public void user(Org org, UUID portalId, String recordId, UserEvent.Type type) {
        send(new UserEvent(UUID.randomUUID(), type, org.id, Instant.now(), portalId.toString(),
                UUID.randomUUID().toString(), org.userTypeId.toString(), null, "Contacts", recordId, null));
    }

    /** What portal-user-service or invitation-service reports about an auto-invite. */
    public InvitationEvent outcome(Org org, UUID portalId, String recordId, InvitationEvent.Type type, String configId,
            FailureReason reason, String name, String email) {
        InvitationEvent event = new InvitationEvent(UUID.randomUUID(), type, org.id, Instant.now(), portalId.toString(),
                org.userTypeId.toString(), recordId, name, null, null, null, InviteSource.AUTO, configId, email, "fr",
                reason, reason == null ? null : reason.defaultMessage());
        send(event);
        return event;
    }

    /**
     * The invite requests published for the org: waits until {@code expected} came (at most 30 s), then a moment
     * longer so that any extra one shows up too.
     */
    public List<InviteRequested> requests(Org org, int expected) {
        try (TopicReader reader = new TopicReader(Topics.INVITE_REQUESTED)) {
            java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> mine =
                    r -> r.key().startsWith(org.id + "/");
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> got = new java.util.ArrayList<>(
                    reader.readUntil(mine, g -> g.size() >= expected, Duration.ofSeconds(30)));
            got.addAll(reader.readAll(mine, Duration.ofSeconds(expected == 0 ? 4 : 2)));
            return got.stream().map(r -> read(r.value(), InviteRequested.class)).toList();
        }
    }

    public void send(PorticoEvent event) {
        try {
            producer().send(new ProducerRecord<>(event.topic(), event.key(), mapper.writeValueAsString(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                            ProducerConfig.LINGER_MS_CONFIG, 1));
                }
            }
        }
        return producer;
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close();
        }
    }

    /** One test org with its Contacts portal and user type. */
    public static final class Org {
        public final String id;
        public final UUID portalId;
        public final UUID userTypeId;

        public Org(String id, UUID portalId, UUID userTypeId) {
            this.id = id;
            this.portalId = portalId;
            this.userTypeId = userTypeId;
        }

        public RequestSpecification config() {
            return given().header("Authorization", TestTokens.bearer(id, "portal.config"))
                    .contentType("application/json");
        }

        public RequestSpecification users() {
            return given().header("Authorization", TestTokens.bearer(id, "portal.users"))
                    .contentType("application/json");
        }

        /** Creates a configuration from JSON and returns its id. */
        public String create(String json) {
            return config().body(json).post("/api/v1/portals/{p}/auto-invites", portalId)
                    .then().statusCode(201).extract().path("id");
        }
    }
}
