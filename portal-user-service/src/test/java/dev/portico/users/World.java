package dev.portico.users;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.ConfigEvent;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.InvitationEvent;
import dev.portico.events.PorticoEvent;
import dev.portico.events.RecordChanged;
import dev.portico.events.RecordState;
import dev.portico.kit.directory.ConfigDirectory;
import dev.portico.kit.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The world around portal-user-service in tests, over the real Kafka: portal-config-service's config events, the
 * CRM's record changes and invitation-service's outcomes are published as those services would.
 */
@ApplicationScoped
public class World {

    @Inject
    ObjectMapper mapper;

    @Inject
    ConfigDirectory directory;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private volatile KafkaProducer<String, String> producer;

    /** An org, one portal of a module with one user type, as portal-config-service would announce them. */
    public Org org(Integer usersPerPortal) {
        Org org = new Org("org-" + UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Contacts");
        send(new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.ORG_UPDATED, org.id, Instant.now(),
                new ConfigEvent.Org("Acme", usersPerPortal == null ? "ENTERPRISE" : "FREE",
                        usersPerPortal == null ? null : "ENTERPRISE", null, List.of("acme.example"), false, "en",
                        new ConfigEvent.Limits(true, 5, 5, usersPerPortal), null, usersPerPortal != null),
                null, null, null, null));
        portal(org, org.portalId, "ACTIVE");
        userType(org, org.userTypeId, "Customers");
        awaitPortal(org);
        awaitUserType(org, org.userTypeId);
        return org;
    }

    public void portal(Org org, UUID portalId, String status) {
        send(new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.PORTAL_CREATED, org.id, Instant.now(), null,
                new ConfigEvent.Portal(portalId.toString(), "Customer portal", org.module, "p-" + portalId,
                        "https://p-" + portalId + ".portals.localhost", List.of(), status, 7, false),
                null, null, null));
    }

    public void userType(Org org, UUID typeId, String name) {
        send(new ConfigEvent(UUID.randomUUID(), ConfigEvent.Type.USER_TYPE_CREATED, org.id, Instant.now(), null, null,
                new ConfigEvent.UserType(typeId.toString(), org.portalId.toString(), name, List.of(
                        new ConfigEvent.ModuleAccess("Contacts", new ConfigEvent.Permissions(true, false, true, false),
                                null, List.of(new ConfigEvent.FieldAccess("Full_Name", "READ"),
                                        new ConfigEvent.FieldAccess("Email", "WRITE"))),
                        new ConfigEvent.ModuleAccess("Deals", new ConfigEvent.Permissions(true, false, false, false),
                                "Contact_Name", List.of(new ConfigEvent.FieldAccess("Deal_Name", "READ"),
                                        new ConfigEvent.FieldAccess("Amount", "READ"))),
                        new ConfigEvent.ModuleAccess("Cases", new ConfigEvent.Permissions(true, true, false, false),
                                "Related_Contacts", List.of(new ConfigEvent.FieldAccess("Subject", "READ"))))),
                null, null));
    }

    /** Until portal-user-service knows the user type (a request for one of its users needs it). */
    public void awaitUserType(Org org, UUID typeId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> directory.userType(org.id, org.portalId, typeId).isPresent()));
    }

    public void awaitPortal(Org org) {
        await().atMost(Duration.ofSeconds(30)).until(() -> org.admin()
                .get("/api/v1/portals/{p}/users/counts", org.portalId).statusCode() == 200);
    }

    /** Contacts with a name and e-mail each; returns their ids. */
    public List<String> contacts(Org org, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "c-" + UUID.randomUUID();
            record(org, "Contacts", id, 1, contactFields("Person " + i + " " + id.substring(2, 8),
                    id.substring(2, 14) + "@customer.example"), RecordChanged.Operation.CREATED);
            ids.add(id);
        }
        return ids;
    }

    public static Map<String, Object> contactFields(String name, String email) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Full_Name", name);
        fields.put("Email", email);
        fields.put("Country", "France");
        return fields;
    }

    public void record(Org org, String module, String id, long version, Map<String, Object> fields,
            RecordChanged.Operation operation) {
        send(new RecordChanged(UUID.randomUUID(), RecordChanged.TYPE, org.id, Instant.now(), module, id, operation,
                version, fields, List.copyOf(fields.keySet()), RecordState.CLEAR));
    }

    /** Waits until the directory knows these records (an invite of them then fails for no other reason). */
    public void awaitRecords(Org org, List<String> ids) {
        await().atMost(Duration.ofSeconds(30)).until(() -> directoryCount(org, ids) == ids.size());
    }

    @Inject
    jakarta.persistence.EntityManager em;

    long directoryCount(Org org, List<String> ids) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from crm_record where org_id = ?1 and record_id = any(?2) and not deleted")
                .setParameter(1, org.id).setParameter(2, ids.toArray(new String[0])).getSingleResult()).longValue());
    }

    /** What invitation-service would answer to a dispatch. */
    public void outcome(InvitationDispatch dispatch, InvitationEvent.Type type, dev.portico.events.FailureReason reason) {
        send(new InvitationEvent(UUID.randomUUID(), type, dispatch.orgId(), Instant.now(), dispatch.portalId(),
                dispatch.userTypeId(), dispatch.record().recordId(), dispatch.record().name(),
                UUID.randomUUID().toString(), dispatch.userId(), dispatch.jobId(), dispatch.source(), dispatch.configId(),
                dispatch.record().email(), dispatch.language(), reason, reason == null ? null : reason.defaultMessage()));
    }

    public void send(PorticoEvent event) {
        try {
            producer().send(new ProducerRecord<>(event.topic(), event.key(), mapper.writeValueAsString(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void sendRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
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

    /** One test org with its portal and default user type. */
    public static final class Org {
        public final String id;
        public final UUID portalId;
        public final UUID userTypeId;
        public final String module;

        public Org(String id, UUID portalId, UUID userTypeId, String module) {
            this.id = id;
            this.portalId = portalId;
            this.userTypeId = userTypeId;
            this.module = module;
        }

        public RequestSpecification admin() {
            return given().header("Authorization", TestTokens.bearer(id, "portal.users portal.config"))
                    .contentType("application/json");
        }
    }

}
