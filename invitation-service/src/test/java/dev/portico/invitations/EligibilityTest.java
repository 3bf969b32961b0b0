package dev.portico.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.ConfigEvent;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.RecordSnapshot;
import dev.portico.events.RecordState;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every eligibility failure is a FAILED event with its reason and a message saying what to do, and no mail. */
@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
class EligibilityTest {

    private static final RecordState OK = new RecordState(RecordState.Approval.NONE, RecordState.Review.NONE,
            RecordState.Consent.GRANTED);

    @Test
    void eachFailureReasonIsReportedWithoutMail() throws Exception {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org, List.of("acme.example", "bücher.example"), true, "de");
        UUID disabled = UUID.randomUUID();
        Stack.publishPortal(org, disabled, ConfigEvent.Type.PORTAL_CREATED, "DISABLED", 7);
        UUID deleted = UUID.randomUUID();
        Stack.publishPortal(org, deleted, ConfigEvent.Type.PORTAL_CREATED, "ACTIVE", 7);
        Stack.publishPortal(org, deleted, ConfigEvent.Type.PORTAL_DELETED, "ACTIVE", 7);

        Map<String, InvitationDispatch> expected = new LinkedHashMap<>();
        expected.put("COMPANY_DOMAIN", Stack.dispatch(org, portal, rec("jane@sales.acme.example", OK), null));
        expected.put("COMPANY_DOMAIN ", Stack.dispatch(org, portal, rec("jane@xn--bcher-kva.example", OK), null));
        expected.put("AWAITING_APPROVAL", Stack.dispatch(org, portal, rec(Stack.newEmail(),
                new RecordState(RecordState.Approval.PENDING, RecordState.Review.NONE, RecordState.Consent.GRANTED)), null));
        expected.put("UNDER_REVIEW", Stack.dispatch(org, portal, rec(Stack.newEmail(),
                new RecordState(RecordState.Approval.NONE, RecordState.Review.IN_REVIEW, RecordState.Consent.GRANTED)), null));
        expected.put("NO_CONSENT", Stack.dispatch(org, portal, rec(Stack.newEmail(),
                new RecordState(RecordState.Approval.NONE, RecordState.Review.NONE, RecordState.Consent.PENDING)), null));
        expected.put("MISSING_EMAIL", Stack.dispatch(org, portal, rec(" ", OK), null));
        expected.put("INVALID_EMAIL", Stack.dispatch(org, portal, rec("jane.doe@@customer.example", OK), null));
        expected.put("INVALID_EMAIL ", Stack.dispatch(org, portal, rec("x".repeat(65) + "@customer.example", OK), null));
        expected.put("PORTAL_UNAVAILABLE", Stack.dispatch(org, disabled, rec(Stack.newEmail(), OK), null));
        expected.put("PORTAL_UNAVAILABLE ", Stack.dispatch(org, deleted, rec(Stack.newEmail(), OK), null));
        InvitationDispatch eligible = Stack.dispatch(org, portal, rec(Stack.newEmail(), OK), null);

        try (TopicReader events = new TopicReader(Topics.INVITATION_EVENTS)) {
            expected.values().forEach(Stack::publish);
            Stack.publish(eligible);
            List<ConsumerRecord<String, String>> records = events.readUntil(r -> r.value().contains(org),
                    l -> l.size() >= expected.size() + 1, Duration.ofSeconds(40));
            Map<String, JsonNode> byUser = new LinkedHashMap<>();
            for (ConsumerRecord<String, String> r : records) {
                JsonNode json = Stack.JSON.readTree(r.value());
                byUser.put(json.path("userId").asText(), json);
            }
            List<String> seen = new ArrayList<>();
            for (Map.Entry<String, InvitationDispatch> e : expected.entrySet()) {
                JsonNode event = byUser.get(e.getValue().userId());
                assertThat(event).as(e.getKey()).isNotNull();
                assertThat(event.path("type").asText()).as(e.getKey()).isEqualTo("FAILED");
                assertThat(event.path("reason").asText()).isEqualTo(e.getKey().trim());
                assertThat(event.path("message").asText()).as(e.getKey()).containsIgnoringCase("again");
                assertThat(event.path("recordId").asText()).isEqualTo(e.getValue().record().recordId());
                assertThat(event.path("jobId").asText()).isEqualTo(e.getValue().jobId());
                seen.add(e.getKey().trim());
            }
            assertThat(byUser.get(eligible.userId()).path("type").asText()).isEqualTo("SENT");
            assertThat(byUser.get(expected.get("COMPANY_DOMAIN").userId()).path("message").asText())
                    .contains("acme.example");

            // the eligible invitation's mail arrived; none of the others did
            assertThat(Stack.inbox(eligible.record().email())).hasSize(1);
            // no language asked for and none on the record: the org's default
            assertThat(Stack.inbox(eligible.record().email()).get(0).get("subject"))
                    .isEqualTo("Einladung zu Acme Customers");
            for (InvitationDispatch d : expected.values()) {
                String email = d.record().email();
                if (email != null && email.contains("@") && !email.startsWith("x") && !email.contains("@@")) {
                    assertThat(Stack.inbox(email.trim())).as(email).isEmpty();
                }
            }
            assertThat(seen).hasSize(expected.size());
        }
    }

    @Test
    void aPortalNotYetKnownIsWaitedForThenUnavailable() throws Exception {
        String org = "org-" + UUID.randomUUID();
        Stack.orgWithPortal(org);
        // the dispatch overtakes the portal's config event: it waits for it, then is delivered
        UUID late = UUID.randomUUID();
        InvitationDispatch waits = Stack.dispatch(org, late, rec(Stack.newEmail(), OK), null);
        // a portal nobody has heard of within the wait (occurredAt long past): PORTAL_UNAVAILABLE
        UUID unknown = UUID.randomUUID();
        InvitationDispatch old = Stack.dispatch(org, unknown, rec(Stack.newEmail(), OK), null);
        InvitationDispatch stale = new InvitationDispatch(old.eventId(), old.type(), org,
                java.time.Instant.now().minusSeconds(120), old.portalId(), old.userTypeId(), old.userId(), old.jobId(),
                old.source(), old.configId(), old.language(), false, old.record());
        try (TopicReader events = new TopicReader(Topics.INVITATION_EVENTS)) {
            Stack.publish(waits);
            Stack.publish(stale);
            Thread.sleep(1500);
            Stack.publishPortal(org, late, ConfigEvent.Type.PORTAL_CREATED, "ACTIVE", 7);
            Map<String, JsonNode> byUser = new LinkedHashMap<>();
            events.readUntil(r -> r.value().contains(org), l -> {
                for (ConsumerRecord<String, String> r : l) {
                    try {
                        JsonNode json = Stack.JSON.readTree(r.value());
                        byUser.put(json.path("userId").asText(), json);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return byUser.containsKey(waits.userId()) && byUser.containsKey(stale.userId());
            }, Duration.ofSeconds(60));
            assertThat(byUser.get(waits.userId()).path("type").asText()).isEqualTo("SENT");
            assertThat(byUser.get(stale.userId()).path("type").asText()).isEqualTo("FAILED");
            assertThat(byUser.get(stale.userId()).path("reason").asText()).isEqualTo("PORTAL_UNAVAILABLE");
        }
    }

    private static RecordSnapshot rec(String email, RecordState state) {
        return Stack.record("Jane Doe", email, null, state);
    }
}
