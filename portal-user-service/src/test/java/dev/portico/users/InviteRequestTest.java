package dev.portico.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.FailureReason;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.InvitationEvent;
import dev.portico.events.InviteRequested;
import dev.portico.events.InviteSource;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Invite requests from other systems pass the same gate; a refusal comes back as a FAILED invitation event. */
@QuarkusTest
class InviteRequestTest {

    @Inject
    World world;

    @Inject
    Seeds seeds;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @Test
    void requestsAreAdmittedOnceRefusalsReportedAndExistingUsersSkippedSilently() throws Exception {
        World.Org org = world.org(null);
        List<String> records = world.contacts(org, 2);
        world.awaitRecords(org, records);
        String member = "c-member-" + UUID.randomUUID();
        seeds.user(org, org.userTypeId, member, "Member", "member@customer.example", true, true);
        String configId = UUID.randomUUID().toString();

        InviteRequested admitted = request(org, records.get(0), configId, "fr");
        InviteRequested nobody = request(org, "c-nobody", configId, "fr");
        InviteRequested toMember = request(org, member, configId, "fr");
        // after the redelivery on the same key (so read after it): a request for the now-invited record, skipped
        InviteRequested marker = request(org, records.get(0), configId, "fr");
        world.send(admitted);
        world.send(admitted); // redelivered: still one dispatch
        world.send(nobody);
        world.send(toMember);
        world.send(marker);

        // every request applied (the unknown record after portico.users.request-wait, 3 s here): each one's dedupe
        // row commits with its effects, so the outbox now holds all they will ever publish
        await().atMost(Duration.ofSeconds(20)).until(() -> applied(admitted, nobody, toMember, marker) == 4);
        assertThat(published(org, Topics.INVITATION_DISPATCH)).isEqualTo(1);
        assertThat(published(org, Topics.INVITATION_EVENTS)).isEqualTo(1);

        try (TopicReader dispatches = new TopicReader(Topics.INVITATION_DISPATCH)) {
            List<InvitationDispatch> sent = dispatches.readUntil(r -> r.key().startsWith(org.id + "/"),
                    got -> !got.isEmpty(), Duration.ofSeconds(15)).stream().map(r -> read(r.value(),
                    InvitationDispatch.class)).toList();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).source()).isEqualTo(InviteSource.AUTO);
            assertThat(sent.get(0).configId()).isEqualTo(configId);
            assertThat(sent.get(0).language()).isEqualTo("fr");
            assertThat(sent.get(0).jobId()).isNull();
        }
        try (TopicReader outcomes = new TopicReader(Topics.INVITATION_EVENTS)) {
            List<InvitationEvent> failures = outcomes.readUntil(r -> r.key().startsWith(org.id + "/"),
                    got -> !got.isEmpty(), Duration.ofSeconds(15)).stream()
                    .map(r -> read(r.value(), InvitationEvent.class)).toList();
            assertThat(failures).hasSize(1);
            assertThat(failures.get(0).type()).isEqualTo(InvitationEvent.Type.FAILED);
            assertThat(failures.get(0).reason()).isEqualTo(FailureReason.RECORD_NOT_FOUND);
            assertThat(failures.get(0).recordId()).isEqualTo("c-nobody");
            assertThat(failures.get(0).configId()).isEqualTo(configId);
            assertThat(failures.get(0).source()).isEqualTo(InviteSource.AUTO);
            assertThat(failures.get(0).message()).isNotBlank();
        }
    }

    /** How many of these requests were applied (their dedupe rows). */
    private long applied(InviteRequested... requests) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from processed_event where consumer = 'invite-requests' and event_id in (:ids)")
                .setParameter("ids", java.util.Arrays.stream(requests).map(InviteRequested::eventId).toList())
                .getSingleResult()).longValue());
    }

    /** The events of the org this service wrote to a topic's outbox. */
    private long published(World.Org org, String topic) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from outbox where topic = ?1 and msg_key like ?2")
                .setParameter(1, topic).setParameter(2, org.id + "/%").getSingleResult()).longValue());
    }

    @Test
    void aRequestThatOvertakesItsRecordWaitsForIt() throws Exception {
        World.Org org = world.org(null);
        String late = "c-late-" + UUID.randomUUID();
        world.send(request(org, late, UUID.randomUUID().toString(), "de"));
        Thread.sleep(500);
        world.record(org, "Contacts", late, 1, World.contactFields("Late", "late@customer.example"),
                dev.portico.events.RecordChanged.Operation.CREATED);
        try (TopicReader dispatches = new TopicReader(Topics.INVITATION_DISPATCH)) {
            List<InvitationDispatch> sent = dispatches.readUntil(r -> r.key().startsWith(org.id + "/"),
                    got -> !got.isEmpty(), Duration.ofSeconds(20)).stream()
                    .map(r -> read(r.value(), InvitationDispatch.class)).toList();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).record().recordId()).isEqualTo(late);
        }
    }

    private static InviteRequested request(World.Org org, String recordId, String configId, String language) {
        return new InviteRequested(UUID.randomUUID(), InviteRequested.TYPE, org.id, Instant.now(),
                org.portalId.toString(), org.userTypeId.toString(), recordId, language, InviteSource.AUTO, configId);
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
