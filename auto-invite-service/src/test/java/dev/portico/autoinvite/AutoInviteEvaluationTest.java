package dev.portico.autoinvite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.autoinvite.service.EnabledConfigs;
import dev.portico.events.FailureReason;
import dev.portico.events.InvitationEvent;
import dev.portico.events.InviteRequested;
import dev.portico.events.InviteSource;
import dev.portico.events.RecordChanged;
import dev.portico.events.UserEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Record changes on the real Kafka → invite requests on the real Kafka, through the outbox. */
@QuarkusTest
class AutoInviteEvaluationTest {

    private static final RecordChanged.Operation CREATED = RecordChanged.Operation.CREATED;
    private static final RecordChanged.Operation UPDATED = RecordChanged.Operation.UPDATED;

    @Inject
    World world;

    private static String id() {
        return "c-" + UUID.randomUUID();
    }

    private static String single(World.Org org, String triggers, String condition) {
        return """
                {"name": "cfg", "userTypeId": "%s", "triggers": %s, "languageMode": "SINGLE",
                 "rules": [{"language": "fr", "condition": %s}]}""".formatted(org.userTypeId, triggers, condition);
    }

    @Test
    void commonConditionFirstThenTheFirstMatchingRulePicksTheLanguage() {
        World.Org org = world.org();
        String config = org.create(AutoInviteConfigTest.multiple(org));
        String french = id();
        String german = id();
        String other = id();
        String unpaid = id();
        String germanNoMail = id();
        world.change(org, french, CREATED, Map.of("Country", "france", "Subscription", "Paid"), List.of());
        world.change(org, german, CREATED, Map.of("Country", "Germany", "Subscription", "PAID", "Email", "g@x.example"),
                List.of());
        world.change(org, other, CREATED, Map.of("Country", "Japan", "Subscription", "Paid"), List.of());
        world.change(org, unpaid, CREATED, Map.of("Country", "France", "Subscription", "Free"), List.of());
        world.change(org, germanNoMail, CREATED, Map.of("Country", "Germany", "Subscription", "Paid"), List.of());

        List<InviteRequested> requests = world.requests(org, 4);
        Map<String, String> languages = requests.stream()
                .collect(Collectors.toMap(InviteRequested::recordId, InviteRequested::language));
        assertThat(languages).containsExactlyInAnyOrderEntriesOf(Map.of(french, "fr", german, "de", other, "en",
                germanNoMail, "en"));
        InviteRequested first = requests.get(0);
        assertThat(first.source()).isEqualTo(InviteSource.AUTO);
        assertThat(first.configId()).isEqualTo(config);
        assertThat(first.portalId()).isEqualTo(org.portalId.toString());
        assertThat(first.userTypeId()).isEqualTo(org.userTypeId.toString());
        assertThat(first.type()).isEqualTo(InviteRequested.TYPE);
    }

    @Test
    void aDisabledPortalInvitesNoOneUntilItIsEnabledAgain() {
        World.Org org = world.org();
        org.create(AutoInviteConfigTest.multiple(org));
        world.portalStatus(org, org.portalId, "DISABLED");
        String record = id();
        world.change(org, record, CREATED, Map.of("Country", "France", "Subscription", "Paid"), List.of());
        assertThat(world.requests(org, 0)).isEmpty();

        world.portalStatus(org, org.portalId, "ACTIVE");
        world.change(org, record, UPDATED, Map.of("Country", "Germany", "Subscription", "Paid", "Email", "g@x.example"),
                List.of("Country"));
        List<InviteRequested> requests = world.requests(org, 1);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).language()).as("the change made while the portal was open").isEqualTo("de");
    }

    @Test
    void triggersDecideWhichOperationsCountAndChangedReadsTheChangedFields() {
        World.Org org = world.org();
        org.create(single(org, "[\"CREATE\"]", "{\"field\": \"Country\", \"op\": \"eq\", \"value\": \"France\"}"));
        org.create("""
                {"name": "upgrades", "userTypeId": "%s", "triggers": ["UPDATE"], "languageMode": "SINGLE",
                 "rules": [{"language": "en", "condition": {"all": [{"field": "Subscription", "op": "changed"},
                                                                    {"field": "Subscription", "op": "eq", "value": "Paid"}]}}]}"""
                .formatted(org.userTypeId));
        String updatedFrench = id();
        String createdFrench = id();
        String upgraded = id();
        String paidButUnchanged = id();
        String createdPaid = id();
        world.change(org, updatedFrench, UPDATED, Map.of("Country", "France"), List.of("Country"));
        world.change(org, createdFrench, CREATED, Map.of("Country", "France"), List.of("Country"));
        world.change(org, upgraded, UPDATED, Map.of("Subscription", "Paid"), List.of("Subscription"));
        world.change(org, paidButUnchanged, UPDATED, Map.of("Subscription", "Paid"), List.of("Email"));
        world.change(org, createdPaid, CREATED, Map.of("Subscription", "Paid"), List.of("Subscription"));
        world.change(org, id(), RecordChanged.Operation.DELETED, Map.of("Country", "France"), List.of());

        Map<String, String> languages = world.requests(org, 2).stream()
                .collect(Collectors.toMap(InviteRequested::recordId, InviteRequested::language));
        assertThat(languages).containsExactlyInAnyOrderEntriesOf(Map.of(createdFrench, "fr", upgraded, "en"));
    }

    @Test
    void oneRequestPerRecordWhileInFlightRedeliveriesChangeNothingAndAFailureAllowsARetry() {
        World.Org org = world.org();
        String config = org.create(single(org, "[\"CREATE\", \"UPDATE\"]",
                "{\"field\": \"Country\", \"op\": \"eq\", \"value\": \"France\"}"));
        String record = id();
        RecordChanged first = world.change(org, record, CREATED, Map.of("Country", "France"), List.of());
        for (int i = 0; i < 4; i++) {
            world.change(org, record, UPDATED, Map.of("Country", "France", "Age", i), List.of("Age"));
        }
        assertThat(world.requests(org, 1)).extracting(InviteRequested::recordId).containsExactly(record);

        world.outcome(org, org.portalId, record, InvitationEvent.Type.FAILED, config, FailureReason.INVALID_EMAIL,
                "Jeanne", "jeanne@");
        awaitStates(org, 0);
        world.send(first); // redelivered after the failure: already applied, no second request
        assertThat(world.requests(org, 1)).hasSize(1);

        world.change(org, record, UPDATED, Map.of("Country", "France", "Email", "jeanne@x.example"), List.of("Email"));
        assertThat(world.requests(org, 2)).hasSize(2);
    }

    @Test
    void existingPortalUsersAndSentInvitationsAreSkippedUntilRemoved() {
        World.Org org = world.org();
        String config = org.create(single(org, "[\"CREATE\", \"UPDATE\"]",
                "{\"field\": \"Country\", \"op\": \"eq\", \"value\": \"France\"}"));
        String member = id();
        String invited = id();
        world.user(org, org.portalId, member, UserEvent.Type.CONFIRMED);
        world.outcome(org, org.portalId, invited, InvitationEvent.Type.SENT, config, null, "I", "i@x.example");
        awaitStates(org, 2);
        world.change(org, member, UPDATED, Map.of("Country", "France"), List.of("Country"));
        world.change(org, invited, UPDATED, Map.of("Country", "France"), List.of("Country"));
        assertThat(world.requests(org, 0)).isEmpty();

        world.user(org, org.portalId, member, UserEvent.Type.REMOVED);
        awaitStates(org, 1);
        world.change(org, member, UPDATED, Map.of("Country", "France"), List.of("Country"));
        assertThat(world.requests(org, 1)).extracting(InviteRequested::recordId).containsExactly(member);
    }

    @Test
    void theOldestMatchingConfigurationWinsAndAPortalWhereTheRecordIsAUserIsPassedOver() {
        World.Org org = world.org();
        UUID otherType = UUID.randomUUID();
        UUID otherPortal = world.secondPortal(org, otherType);
        String first = org.create(single(org, "[\"CREATE\", \"UPDATE\"]",
                "{\"field\": \"Country\", \"op\": \"is_not_empty\"}"));
        org.create(single(org, "[\"CREATE\", \"UPDATE\"]", "{\"field\": \"Country\", \"op\": \"eq\", \"value\": \"France\"}"));
        String onOther = org.config().body("""
                {"name": "other portal", "userTypeId": "%s", "triggers": ["UPDATE"], "languageMode": "SINGLE",
                 "rules": [{"language": "de"}]}""".formatted(otherType))
                .post("/api/v1/portals/{p}/auto-invites", otherPortal).then().statusCode(201).extract().path("id");
        String member = id();
        world.user(org, org.portalId, member, UserEvent.Type.CREATED);
        awaitStates(org, 1);
        String record = id();
        world.change(org, record, UPDATED, Map.of("Country", "France"), List.of("Country"));
        world.change(org, member, UPDATED, Map.of("Country", "France"), List.of("Country"));

        Map<String, InviteRequested> requests = world.requests(org, 2).stream()
                .collect(Collectors.toMap(InviteRequested::recordId, r -> r));
        assertThat(requests).containsOnlyKeys(record, member);
        assertThat(requests.get(record).configId()).isEqualTo(first);
        assertThat(requests.get(member).configId()).isEqualTo(onOther);
        assertThat(requests.get(member).portalId()).isEqualTo(otherPortal.toString());
        assertThat(requests.get(member).userTypeId()).isEqualTo(otherType.toString());
        assertThat(requests.get(member).language()).isEqualTo("de");
    }

    @Test
    void disableEnableEditAndDeleteApplyToTheNextEvents() {
        World.Org org = world.org();
        String config = org.create(single(org, "[\"UPDATE\"]", "{\"field\": \"Country\", \"op\": \"eq\", \"value\": \"France\"}"));
        org.config().post("/api/v1/portals/{p}/auto-invites/{c}/disable", org.portalId, config).then().statusCode(200);
        world.change(org, id(), UPDATED, Map.of("Country", "France"), List.of());
        assertThat(world.requests(org, 0)).isEmpty();

        org.config().post("/api/v1/portals/{p}/auto-invites/{c}/enable", org.portalId, config).then().statusCode(200);
        String resumed = id();
        world.change(org, resumed, UPDATED, Map.of("Country", "France"), List.of());
        assertThat(world.requests(org, 1)).extracting(InviteRequested::recordId).containsExactly(resumed);

        org.config().body(single(org, "[\"UPDATE\"]", "{\"field\": \"Country\", \"op\": \"eq\", \"value\": \"Spain\"}")
                        .replace("\"fr\"", "\"es\""))
                .put("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, config).then().statusCode(200);
        world.change(org, id(), UPDATED, Map.of("Country", "France"), List.of());
        String spanish = id();
        world.change(org, spanish, UPDATED, Map.of("Country", "Spain"), List.of());
        List<InviteRequested> afterEdit = world.requests(org, 2);
        // two records, two keys: Kafka keeps no order between them
        assertThat(afterEdit).extracting(InviteRequested::recordId).containsExactlyInAnyOrder(resumed, spanish);
        assertThat(afterEdit).filteredOn(r -> r.recordId().equals(spanish)).singleElement()
                .extracting(InviteRequested::language).isEqualTo("es");

        org.config().delete("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, config).then().statusCode(204);
        world.change(org, id(), UPDATED, Map.of("Country", "Spain"), List.of());
        assertThat(world.requests(org, 2)).hasSize(2);
    }

    @Test
    void aChangeMadeByAnotherReplicaAppliesToTheNextEventsToo() {
        World.Org org = world.org();
        String config = org.create(single(org, "[\"UPDATE\"]", "{\"field\": \"Country\", \"op\": \"eq\", \"value\": \"France\"}"));
        String first = id();
        world.change(org, first, UPDATED, Map.of("Country", "France"), List.of());
        assertThat(world.requests(org, 1)).extracting(InviteRequested::recordId).containsExactly(first);
        assertThat(enabledConfigs.keeps(org.id)).as("the org's configurations are kept between batches").isTrue();

        // another replica (or an operator) pauses it: this replica hears of it from PostgreSQL, not from its own API
        setEnabled(config, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !enabledConfigs.keeps(org.id));
        world.change(org, id(), UPDATED, Map.of("Country", "France"), List.of());
        assertThat(world.requests(org, 1)).hasSize(1);

        setEnabled(config, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> !enabledConfigs.keeps(org.id));
        String resumed = id();
        world.change(org, resumed, UPDATED, Map.of("Country", "France"), List.of());
        assertThat(world.requests(org, 2)).extracting(InviteRequested::recordId).containsExactlyInAnyOrder(first, resumed);
    }

    private void setEnabled(String config, boolean enabled) {
        QuarkusTransaction.requiringNew().run(() -> assertThat(em.createNativeQuery(
                        "update auto_invite_config set enabled = ?1, updated_at = now() where id = cast(?2 as uuid)")
                .setParameter(1, enabled).setParameter(2, config).executeUpdate()).isEqualTo(1));
    }

    @Inject
    EnabledConfigs enabledConfigs;

    @Inject
    EntityManager em;

    private void awaitStates(World.Org org, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from record_state where org_id = ?1").setParameter(1, org.id)
                        .getSingleResult()).intValue()) == count);
    }
}
