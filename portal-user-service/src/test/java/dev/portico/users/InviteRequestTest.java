package dev.portico.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.FailureReason;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.InvitationEvent;
import dev.portico.events.InviteRequested;
import dev.portico.events.InviteSource;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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

    @Test
    void requestsAreAdmittedOnceRefusalsReportedAndExistingUsersSkippedSilently() throws Exception {
        World.Org org = world.org(null);
        List<String> records = world.contacts(org, 2);
        world.awaitRecords(org, records);
        String member = "c-member-" + UUID.randomUUID();
        seeds.user(org, org.userTypeId, member, "Member", "member@customer.example", true, true);
        String configId = UUID.randomUUID().toString();

        InviteRequested admitted = request(org, records.get(0), configId, "fr");
        world.send(admitted);
        world.send(admitted); // redelivered: still one dispatch
        world.send(request(org, "c-nobody", configId, "fr"));
        world.send(request(org, member, configId, "fr"));

        try (TopicReader dispatches = new TopicReader(Topics.INVITATION_DISPATCH)) {
            List<InvitationDispatch> sent = dispatches.readUntil(r -> r.key().startsWith(org.id + "/"),
                    got -> got.size() > 1, Duration.ofSeconds(8)).stream().map(r -> read(r.value(),
                    InvitationDispatch.class)).toList();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).source()).isEqualTo(InviteSource.AUTO);
            assertThat(sent.get(0).configId()).isEqualTo(configId);
            assertThat(sent.get(0).language()).isEqualTo("fr");
            assertThat(sent.get(0).jobId()).isNull();
        }
        try (TopicReader outcomes = new TopicReader(Topics.INVITATION_EVENTS)) {
            // the unknown record is waited for (portico.users.request-wait, 3 s here) before it is refused
            List<InvitationEvent> failures = outcomes.readUntil(r -> r.key().startsWith(org.id + "/"),
                    got -> got.size() > 1, Duration.ofSeconds(15)).stream()
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
