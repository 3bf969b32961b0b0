package dev.portico.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.InvitationEvent;
import dev.portico.events.RecordChanged;
import dev.portico.events.RecordSnapshot;
import dev.portico.events.RecordState;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The record directory follows crm.record-changed in version order, and its changes reach portal users. */
@QuarkusTest
class RecordDirectoryTest {

    @Inject
    World world;

    @Inject
    Seeds seeds;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    void olderVersionsAndDuplicatesAreIgnoredAndDeletesRemoveMemberships() {
        World.Org org = world.org(null);
        String id = "c-" + UUID.randomUUID();
        world.record(org, "Contacts", id, 3, World.contactFields("Version Three", "v3@customer.example"),
                RecordChanged.Operation.UPDATED);
        world.record(org, "Contacts", id, 2, World.contactFields("Version Two", "v2@customer.example"),
                RecordChanged.Operation.UPDATED);
        world.record(org, "Contacts", id, 3, World.contactFields("Version Three again", "v3@customer.example"),
                RecordChanged.Operation.UPDATED);
        world.awaitRecords(org, List.of(id));
        String marker = "c-" + UUID.randomUUID();
        world.record(org, "Contacts", marker, 1, World.contactFields("Marker", "m@customer.example"),
                RecordChanged.Operation.CREATED);
        world.awaitRecords(org, List.of(marker));
        assertThat(column(org, id, "name")).isEqualTo("Version Three");
        assertThat(column(org, id, "version")).isEqualTo("3");
        // what the API shows of it: the newest version; another org has no such record
        org.admin().get("/api/v1/records/Contacts/{r}", id).then().statusCode(200)
                .body("name", equalTo("Version Three")).body("version", equalTo(3))
                .body("email", equalTo("v3@customer.example")).body("fields.Full_Name", equalTo("Version Three"));
        world.org(null).admin().get("/api/v1/records/Contacts/{r}", id).then().statusCode(404)
                .body("code", equalTo("RECORD_NOT_FOUND"));

        UUID user = seeds.user(org, org.userTypeId, id, "Version Three", "v3@customer.example", true, true);
        world.record(org, "Contacts", id, 4, World.contactFields("Renamed", "v3@customer.example"),
                RecordChanged.Operation.UPDATED);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                org.admin().get("/api/v1/portals/{p}/users/{u}", org.portalId, user).then().body("name", equalTo("Renamed")));

        world.record(org, "Contacts", id, 5, World.contactFields("Renamed", "v3@customer.example"),
                RecordChanged.Operation.DELETED);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                org.admin().get("/api/v1/portals/{p}/users/{u}", org.portalId, user).then().statusCode(404));
        try (TopicReader reader = new TopicReader(Topics.USER_EVENTS)) {
            assertThat(reader.readUntil(r -> r.value().contains(user.toString()) && r.value().contains("REMOVED"),
                    got -> !got.isEmpty(), Duration.ofSeconds(20))).hasSize(1);
        }
        assertThat(column(org, id, "deleted")).isEqualTo("true");
        org.admin().get("/api/v1/records/Contacts/{r}", id).then().statusCode(404).body("code", equalTo("RECORD_NOT_FOUND"));
    }

    @Test
    void anUnconfirmedUserWhoseEmailChangedIsInvitedAgainAtTheNewAddress() throws Exception {
        for (boolean firstInvitationInFlight : new boolean[] {false, true}) {
            World.Org org = world.org(null);
            String id = "c-" + UUID.randomUUID();
            world.record(org, "Contacts", id, 1, World.contactFields("Ann", "ann@old.example"), RecordChanged.Operation.CREATED);
            world.awaitRecords(org, List.of(id));
            UUID user = seeds.user(org, org.userTypeId, id, "Ann", "ann@old.example", true, false);
            if (firstInvitationInFlight) {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update portal_user set invited_at = null where id = ?1").setParameter(1, user).executeUpdate());
            }
            world.record(org, "Contacts", id, 2, World.contactFields("Ann", "ann@new.example"), RecordChanged.Operation.UPDATED);
            InvitationDispatch dispatch;
            try (TopicReader reader = new TopicReader(Topics.INVITATION_DISPATCH)) {
                dispatch = mapper.readValue(reader.readUntil(r -> r.value().contains(user.toString()),
                        got -> !got.isEmpty(), Duration.ofSeconds(20)).get(0).value(), InvitationDispatch.class);
                assertThat(dispatch.reinvite()).isTrue();
                assertThat(dispatch.record().email()).isEqualTo("ann@new.example");
            }
            // the old invitation's SENT, arriving late, does not bring the old address back
            InvitationDispatch old = new InvitationDispatch(UUID.randomUUID(), dispatch.type(), dispatch.orgId(),
                    dispatch.occurredAt(), dispatch.portalId(), dispatch.userTypeId(), dispatch.userId(), null,
                    dispatch.source(), null, dispatch.language(), false,
                    new RecordSnapshot("Contacts", id, 1, "Ann", "ann@old.example", null, null, RecordState.CLEAR));
            world.outcome(old, InvitationEvent.Type.SENT, null);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> org.admin()
                    .get("/api/v1/portals/{p}/users/{u}", org.portalId, user).then().statusCode(200)
                    .body("invitedAt", notNullValue()));
            org.admin().get("/api/v1/portals/{p}/users/{u}", org.portalId, user).then()
                    .body("email", equalTo("ann@new.example"));
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        World.Org org = world.org(null);
        String key = org.id + "/Contacts/poison";
        world.sendRaw(Topics.CRM_RECORD_CHANGED, key, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"orgId\":\""
                + org.id + "\",\"operation\":\"CREATED\"}");
        String after = "c-" + UUID.randomUUID();
        world.record(org, "Contacts", after, 1, World.contactFields("After", "after@customer.example"),
                RecordChanged.Operation.CREATED);
        world.awaitRecords(org, List.of(after));
        try (TopicReader dlq = new TopicReader(Topics.deadLetter(Topics.CRM_RECORD_CHANGED))) {
            assertThat(dlq.readUntil(r -> key.equals(r.key()), got -> !got.isEmpty(), Duration.ofSeconds(20)))
                    .hasSize(1);
        }
    }

    private String column(World.Org org, String id, String column) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery(
                        "select " + column + " from crm_record where org_id = ?1 and record_id = ?2")
                .setParameter(1, org.id).setParameter(2, id).getSingleResult()));
    }
}
