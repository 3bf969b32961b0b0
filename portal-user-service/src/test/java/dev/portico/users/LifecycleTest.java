package dev.portico.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every lifecycle action of DESIGN §3 with its refusals, by ids and by filter, with exact job counts. */
@QuarkusTest
class LifecycleTest {

    @Inject
    World world;

    @Inject
    Seeds seeds;

    @Inject
    ObjectMapper mapper;

    @Test
    void actionsChangeWhatTheirStateAllowsAndNameTheReasonOtherwise() throws Exception {
        World.Org org = world.org(null);
        UUID partners = UUID.randomUUID();
        world.userType(org, partners, "Partners");
        String unconfirmedRecord = "c-" + UUID.randomUUID();
        world.record(org, "Contacts", unconfirmedRecord, 1, World.contactFields("Una", "una@customer.example"),
                RecordChanged.Operation.CREATED);
        world.awaitRecords(org, List.of(unconfirmedRecord));
        UUID confirmed1 = seeds.user(org, org.userTypeId, "r1", "Conf One", "c1@customer.example", true, true);
        UUID confirmed2 = seeds.user(org, org.userTypeId, "r2", "Conf Two", "c2@customer.example", true, true);
        UUID unconfirmed = seeds.user(org, org.userTypeId, unconfirmedRecord, "Una", "una@customer.example", true, false);
        UUID deactivated = seeds.user(org, org.userTypeId, "r4", "Deac", "d@customer.example", false, true);

        Map<String, String> deactivate = reasons(org, run(org, Map.of("action", "DEACTIVATE",
                "userIds", List.of(confirmed1, unconfirmed, deactivated)), 1, 2));
        assertThat(deactivate).containsEntry(confirmed1.toString(), null)
                .containsEntry(unconfirmed.toString(), "NOT_ALLOWED_IN_STATE")
                .containsEntry(deactivated.toString(), "NOT_ALLOWED_IN_STATE");
        status(org, confirmed1, "DEACTIVATED");

        Map<String, String> activate = reasons(org, run(org, Map.of("action", "ACTIVATE",
                "userIds", List.of(deactivated, confirmed2)), 1, 1));
        assertThat(activate).containsEntry(confirmed2.toString(), "ALREADY_ACTIVE");
        status(org, deactivated, "CONFIRMED");

        run(org, Map.of("action", "CHANGE_TYPE", "userIds", List.of(confirmed2), "targetUserTypeId", partners), 1, 0);
        org.admin().get("/api/v1/portals/{p}/users/{u}", org.portalId, confirmed2).then()
                .body("userTypeId", equalTo(partners.toString())).body("status", equalTo("CONFIRMED"));
        assertThat(reasons(org, run(org, Map.of("action", "CHANGE_TYPE", "userIds", List.of(confirmed2),
                "targetUserTypeId", partners), 0, 1))).containsEntry(confirmed2.toString(), "ALREADY_IN_TYPE");
        org.admin().body(Map.of("action", "CHANGE_TYPE", "userIds", List.of(confirmed2),
                        "targetUserTypeId", UUID.randomUUID()))
                .post("/api/v1/portals/{p}/users/bulk", org.portalId).then().statusCode(422)
                .body("code", equalTo("USER_TYPE_NOT_FOUND"));

        // reinvite: the unconfirmed user gets a new dispatch and stays PENDING until invitation-service answers
        String reinvite = org.admin().body(Map.of("action", "REINVITE", "userIds", List.of(unconfirmed, confirmed2),
                        "language", "de"))
                .post("/api/v1/portals/{p}/users/bulk", org.portalId).then().statusCode(202).extract().path("id");
        InvitationDispatch dispatch;
        try (TopicReader reader = new TopicReader(Topics.INVITATION_DISPATCH)) {
            dispatch = mapper.readValue(reader.readUntil(r -> r.value().contains(reinvite), got -> !got.isEmpty(),
                    Duration.ofSeconds(30)).get(0).value(), InvitationDispatch.class);
        }
        assertThat(dispatch.reinvite()).isTrue();
        assertThat(dispatch.userId()).isEqualTo(unconfirmed.toString());
        assertThat(dispatch.language()).isEqualTo("de");
        org.admin().get("/api/v1/jobs/{j}", reinvite).then().body("pending", equalTo(1)).body("failed", equalTo(1));
        world.outcome(dispatch, InvitationEvent.Type.SENT, null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> org.admin().get("/api/v1/jobs/{j}", reinvite)
                .then().body("status", equalTo("COMPLETED")).body("succeeded", equalTo(1)).body("failed", equalTo(1)));

        // remove by filter: every deactivated user
        run(org, Map.of("action", "REMOVE", "filter", Map.of("status", "deactivated")), 1, 0);
        org.admin().get("/api/v1/portals/{p}/users/{u}", org.portalId, confirmed1).then().statusCode(404)
                .body("code", equalTo("USER_NOT_FOUND"));
        // a user who is gone: the item names the user id and no record (not an empty one)
        String gone = run(org, Map.of("action", "REMOVE", "userIds", List.of(confirmed1)), 0, 1);
        org.admin().get("/api/v1/jobs/{j}/items", gone).then().body("items[0].reason", equalTo("USER_NOT_FOUND"))
                .body("items[0].userId", equalTo(confirmed1.toString())).body("items[0].recordId", nullValue());
        org.admin().get("/api/v1/portals/{p}/users/counts", org.portalId).then()
                .body("all", equalTo(3)).body("confirmed", equalTo(2)).body("unconfirmed", equalTo(1))
                .body("deactivated", equalTo(0));

        try (TopicReader reader = new TopicReader(Topics.USER_EVENTS)) {
            List<String> types = reader.readAll(r -> r.key().startsWith(org.id + "/"), Duration.ofSeconds(3)).stream()
                    .map(r -> read(r.value()).type().name()).toList();
            assertThat(types).containsExactlyInAnyOrder("DEACTIVATED", "ACTIVATED", "TYPE_CHANGED", "REMOVED");
        }

        // bad input changes nothing
        org.admin().body(Map.of("action", "REMOVE")).post("/api/v1/portals/{p}/users/bulk", org.portalId)
                .then().statusCode(422).contentType("application/problem+json");
        org.admin().body(Map.of("action", "EXPLODE", "userIds", List.of(confirmed2)))
                .post("/api/v1/portals/{p}/users/bulk", org.portalId).then().statusCode(400)
                .body("errors[0].field", equalTo("action"));
        org.admin().body(Map.of("action", "REMOVE", "filter", Map.of("status", "gone")))
                .post("/api/v1/portals/{p}/users/bulk", org.portalId).then().statusCode(400)
                .body("errors[0].field", equalTo("filter.status"));
        org.admin().get("/api/v1/portals/{p}/users/counts", org.portalId).then().body("all", equalTo(3));
    }

    /**
     * A reinvite that raced the user's acceptance: invitation-service refuses it with ALREADY_CONFIRMED. The job item
     * fails with that reason and the user stays CONFIRMED, its last invitation ACCEPTED.
     */
    @Test
    void aReinviteOvertakenByTheAcceptanceFailsWithoutUndoingIt() throws Exception {
        World.Org org = world.org(null);
        String recordId = "c-" + UUID.randomUUID();
        world.record(org, "Contacts", recordId, 1, World.contactFields("Ana", "ana@customer.example"),
                RecordChanged.Operation.CREATED);
        world.awaitRecords(org, List.of(recordId));
        UUID user = seeds.user(org, org.userTypeId, recordId, "Ana", "ana@customer.example", true, false);
        String reinvite = org.admin().body(Map.of("action", "REINVITE", "userIds", List.of(user)))
                .post("/api/v1/portals/{p}/users/bulk", org.portalId).then().statusCode(202).extract().path("id");
        InvitationDispatch dispatch;
        try (TopicReader reader = new TopicReader(Topics.INVITATION_DISPATCH)) {
            dispatch = mapper.readValue(reader.readUntil(r -> r.value().contains(reinvite), got -> !got.isEmpty(),
                    Duration.ofSeconds(30)).get(0).value(), InvitationDispatch.class);
        }
        world.outcome(dispatch, InvitationEvent.Type.ACCEPTED, null);
        world.outcome(dispatch, InvitationEvent.Type.FAILED, FailureReason.ALREADY_CONFIRMED);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> org.admin().get("/api/v1/jobs/{j}", reinvite)
                .then().body("status", equalTo("COMPLETED")).body("failed", equalTo(1)));
        assertThat(reasons(org, reinvite)).containsEntry(user.toString(), "ALREADY_CONFIRMED");
        org.admin().get("/api/v1/portals/{p}/users/{u}", org.portalId, user).then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).body("lastInvitationStatus", equalTo("ACCEPTED"));
    }

    @Test
    void activatingRespectsTheSeatLimit() {
        World.Org org = world.org(2);
        seeds.user(org, org.userTypeId, "a", "A", "a@customer.example", true, true);
        seeds.user(org, org.userTypeId, "b", "B", "b@customer.example", true, true);
        UUID parked = seeds.user(org, org.userTypeId, "c", "C", "c@customer.example", false, true);
        assertThat(reasons(org, run(org, Map.of("action", "ACTIVATE", "userIds", List.of(parked)), 0, 1)))
                .containsEntry(parked.toString(), "USER_LIMIT_REACHED");
        status(org, parked, "DEACTIVATED");
    }

    private String run(World.Org org, Map<String, Object> body, int succeeded, int failed) {
        String job = org.admin().body(body).post("/api/v1/portals/{p}/users/bulk", org.portalId)
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> org.admin().get("/api/v1/jobs/{j}", job).then()
                .body("status", equalTo("COMPLETED")).body("succeeded", equalTo(succeeded))
                .body("failed", equalTo(failed)));
        return job;
    }

    private Map<String, String> reasons(World.Org org, String job) {
        JsonPath items = org.admin().get("/api/v1/jobs/{j}/items", job).then().statusCode(200).extract().jsonPath();
        Map<String, String> reasons = new HashMap<>();
        for (int i = 0; i < items.getList("items").size(); i++) {
            reasons.put(items.getString("items[" + i + "].userId"), items.getString("items[" + i + "].reason"));
        }
        return reasons;
    }

    private void status(World.Org org, UUID user, String status) {
        org.admin().get("/api/v1/portals/{p}/users/{u}", org.portalId, user).then().statusCode(200)
                .body("status", equalTo(status));
    }

    private UserEvent read(String json) {
        try {
            return mapper.readValue(json, UserEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
