package dev.portico.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.events.InvitationDispatch;
import dev.portico.events.RecordState;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** A dispatch that cannot be read or breaks the contract goes to the dead-letter topic; the others go on. */
@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
class DispatchPoisonTest {

    @Test
    void poisonIsDeadLetteredAndTheRestOfTheBatchIsDelivered() throws Exception {
        String org = "org-" + UUID.randomUUID();
        UUID portal = Stack.orgWithPortal(org);
        InvitationDispatch good = Stack.dispatch(org, portal,
                Stack.record("Jane Doe", Stack.newEmail(), "en", RecordState.CLEAR), null);
        InvitationDispatch noRecord = new InvitationDispatch(UUID.randomUUID(), InvitationDispatch.TYPE, org,
                good.occurredAt(), portal.toString(), null, UUID.randomUUID().toString(), null, good.source(), null,
                null, false, null);
        String garbageKey = org + "/" + portal + "/garbage";
        try (TopicReader dead = new TopicReader(Topics.deadLetter(Topics.INVITATION_DISPATCH));
                TopicReader events = new TopicReader(Topics.INVITATION_EVENTS);
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.INVITATION_DISPATCH, garbageKey, "{not json")).get();
            producer.send(new ProducerRecord<>(Topics.INVITATION_DISPATCH, org + "/" + portal + "/none",
                    Stack.JSON.writeValueAsString(noRecord))).get();
            Stack.publish(good);

            assertThat(InviteFlowTest.event(events, good.userId(), "SENT").path("recordId").asText())
                    .isEqualTo(good.record().recordId());
            var parked = dead.readUntil(r -> r.key() != null && r.key().startsWith(org + "/"), l -> l.size() >= 2,
                    Duration.ofSeconds(30));
            assertThat(parked).extracting(r -> r.key())
                    .containsExactlyInAnyOrder(garbageKey, org + "/" + portal + "/none");
        }
    }
}
