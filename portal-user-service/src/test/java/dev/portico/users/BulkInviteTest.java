package dev.portico.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.FailureReason;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.InvitationEvent;
import dev.portico.events.RecordChanged;
import dev.portico.events.Topics;
import dev.portico.events.UserEvent;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The portal-user half of the invite path over real Kafka and PostgreSQL: the gate's own refusals, seats reserved
 * and dispatched, outcomes from invitation-service counted exactly once, users listed, accepted users confirmed.
 */
@QuarkusTest
class BulkInviteTest {

    @Inject
    World world;

    @Inject
    ObjectMapper mapper;

    @Test
    void gateReservesDispatchesAndJobCountsEachOutcomeOnce() throws Exception {
        World.Org org = world.org(null);
        List<String> contacts = world.contacts(org, 4);
        String twin = "c-twin-" + UUID.randomUUID();
        world.record(org, "Contacts", twin, 1,
                World.contactFields("Twin", contacts.get(0).substring(2, 14) + "@customer.example"),
                RecordChanged.Operation.CREATED);
        List<String> known = new ArrayList<>(contacts);
        known.add(twin);
        world.awaitRecords(org, known);
        List<String> invited = new ArrayList<>(known);
        invited.add("c-unknown");

        String jobId = org.admin().body(Map.of("userTypeId", org.userTypeId, "recordIds", invited))
                .post("/api/v1/portals/{p}/invitations", org.portalId)
                .then().statusCode(202)
                .header("Location", startsWith("http"))
                .body("status", equalTo("RUNNING"))
                .body("total", equalTo(6))
                .extract().path("jobId");

        List<InvitationDispatch> dispatches = dispatchesOf(org, 4);
        assertThat(dispatches).extracting(d -> d.record().recordId()).containsExactlyInAnyOrderElementsOf(contacts);
        assertThat(dispatches).allSatisfy(d -> {
            assertThat(d.jobId()).isEqualTo(jobId);
            assertThat(d.userTypeId()).isEqualTo(org.userTypeId.toString());
            assertThat(d.record().email()).endsWith("@customer.example");
            assertThat(d.reinvite()).isFalse();
        });

        InvitationDispatch refused = dispatches.get(3);
        for (int i = 0; i < 3; i++) {
            world.outcome(dispatches.get(i), InvitationEvent.Type.SENT, null);
        }
        world.outcome(dispatches.get(0), InvitationEvent.Type.SENT, null); // redelivered, must not count twice
        world.outcome(refused, InvitationEvent.Type.FAILED, FailureReason.NO_CONSENT);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> org.admin().get("/api/v1/jobs/{j}", jobId)
                .then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("succeeded", equalTo(3))
                .body("failed", equalTo(3))
                .body("pending", equalTo(0))
                .body("progress", equalTo(100)));

        JsonPath failed = org.admin().get("/api/v1/jobs/{j}/items?outcome=FAILED", jobId).then().statusCode(200)
                .body("total", equalTo(3)).extract().jsonPath();
        Map<String, String> reasons = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            reasons.put(failed.getString("items[" + i + "].recordId"), failed.getString("items[" + i + "].reason"));
            assertThat(failed.getString("items[" + i + "].message")).isNotBlank();
        }
        assertThat(reasons).containsEntry(twin, "EMAIL_IN_USE").containsEntry("c-unknown", "RECORD_NOT_FOUND")
                .containsEntry(refused.record().recordId(), "NO_CONSENT");

        String csv = org.admin().accept("text/csv").get("/api/v1/jobs/{j}/items?outcome=FAILED", jobId)
                .then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")).hasSize(4).anySatisfy(line -> assertThat(line).startsWith("c-unknown,"));

        org.admin().get("/api/v1/portals/{p}/users/counts", org.portalId).then().statusCode(200)
                .body("all", equalTo(3)).body("unconfirmed", equalTo(3)).body("confirmed", equalTo(0));
        org.admin().get("/api/v1/portals/{p}/users?filter=unconfirmed", org.portalId).then().statusCode(200)
                .body("total", equalTo(3)).body("items[0].status", equalTo("UNCONFIRMED"));

        // the refused record's seat was released: it can be invited again
        String again = org.admin().body(Map.of("userTypeId", org.userTypeId, "recordIds", List.of(refused.record().recordId())))
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(202).extract().path("id");
        assertThat(dispatchesOf(org, 5)).anySatisfy(d -> assertThat(d.jobId()).isEqualTo(again));

        // accepting confirms, once
        world.outcome(dispatches.get(1), InvitationEvent.Type.ACCEPTED, null);
        world.outcome(dispatches.get(1), InvitationEvent.Type.ACCEPTED, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                org.admin().get("/api/v1/portals/{p}/users/{u}", org.portalId, dispatches.get(1).userId())
                        .then().statusCode(200).body("status", equalTo("CONFIRMED")).body("confirmed", equalTo(true)));
        try (TopicReader reader = new TopicReader(Topics.USER_EVENTS)) {
            List<UserEvent> events = reader.readAll(r -> r.key().startsWith(org.id + "/"), Duration.ofSeconds(3))
                    .stream().map(r -> read(r, UserEvent.class)).toList();
            assertThat(events.stream().collect(Collectors.groupingBy(UserEvent::type, Collectors.counting())))
                    .containsEntry(UserEvent.Type.CREATED, 3L).containsEntry(UserEvent.Type.CONFIRMED, 1L);
        }
    }

    @Test
    void refusesBadRequestsWithoutStartingAJob() {
        World.Org org = world.org(null);
        org.admin().body(Map.of("userTypeId", org.userTypeId, "recordIds", List.of()))
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("recordIds"));
        org.admin().body(Map.of("userTypeId", org.userTypeId, "recordIds", List.of("a", "b", "a")))
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(422)
                .body("code", equalTo("DUPLICATE_RECORD_IDS")).body("errors[0].field", equalTo("recordIds[2]"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            tooMany.add("r" + i);
        }
        org.admin().body(Map.of("userTypeId", org.userTypeId, "recordIds", tooMany))
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(400)
                .body("errors[0].field", equalTo("recordIds"));
        org.admin().body(Map.of("userTypeId", UUID.randomUUID(), "recordIds", List.of("a")))
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(422)
                .body("code", equalTo("USER_TYPE_NOT_FOUND")).body("errors[0].field", equalTo("userTypeId"));
        org.admin().body(Map.of("userTypeId", "not-a-uuid", "recordIds", List.of("a")))
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(400)
                .body("errors[0].field", equalTo("userTypeId"));
        org.admin().body(Map.of("userTypeId", org.userTypeId, "recordIds", List.of("a"), "language", "<script>"))
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(400)
                .body("errors[0].field", equalTo("language"));
        // another org's portal is not found, and nothing was started anywhere
        World.Org other = world.org(null);
        other.admin().body(Map.of("userTypeId", org.userTypeId, "recordIds", List.of("a")))
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("PORTAL_NOT_FOUND"));
        org.admin().get("/api/v1/portals/{p}/jobs", org.portalId).then().statusCode(200).body("total", equalTo(0));
        other.admin().get("/api/v1/portals/{p}/jobs", org.portalId).then().statusCode(404);
    }

    @Test
    void takesTheLargestInviteTheContractAllows() {
        World.Org org = world.org(null);
        List<String> longest = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String n = Integer.toString(i);
            longest.add("x".repeat(255 - n.length()) + n); // 10,000 ids of 255 characters: ~2.6 MB of JSON
        }
        org.admin().body(Map.of("userTypeId", org.userTypeId, "recordIds", longest))
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(202)
                .body("total", equalTo(10_000));
    }

    private List<InvitationDispatch> dispatchesOf(World.Org org, int count) {
        try (TopicReader reader = new TopicReader(Topics.INVITATION_DISPATCH)) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(r -> r.key().startsWith(org.id + "/"),
                    got -> got.size() >= count, Duration.ofSeconds(30));
            assertThat(records).hasSize(count);
            return records.stream().map(r -> read(r, InvitationDispatch.class)).toList();
        }
    }

    private <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return mapper.readValue(record.value(), type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
