package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.Topics;
import dev.portico.events.UserEvent;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** User counts per type follow portal-user-service's user events over real Kafka: once per event, poison to the DLQ. */
@QuarkusTest
class UserCountsConsumerTest {

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void countsFollowUserEventsOncePerEventAndPoisonGoesToTheDeadLetterTopic() throws Exception {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        String first = api.defaultUserType(portal);
        String second = api.admin().body(UserTypeTest.simple("Partners"))
                .when().post("/api/v1/portals/{p}/user-types", portal).then().statusCode(201).extract().path("id");

        UserEvent created1 = event(api.org, portal, UserEvent.Type.CREATED, first, null);
        UserEvent created2 = event(api.org, portal, UserEvent.Type.CREATED, first, null);
        UserEvent created3 = event(api.org, portal, UserEvent.Type.CREATED, first, null);
        UserEvent moved = event(api.org, portal, UserEvent.Type.TYPE_CHANGED, second, first);
        UserEvent confirmed = event(api.org, portal, UserEvent.Type.CONFIRMED, first, null);
        String poisonKey = api.org + "/" + portal + "/poison";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (UserEvent e : new UserEvent[] {created1, created2, created2, created3, moved, confirmed, created1}) {
                producer.send(new ProducerRecord<>(Topics.USER_EVENTS, e.key(), mapper.writeValueAsString(e))).get();
            }
            producer.send(new ProducerRecord<>(Topics.USER_EVENTS, poisonKey, "{not json")).get();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, first).then()
                    .body("userCount", equalTo(2));
            api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, second).then()
                    .body("userCount", equalTo(1));
        });
        api.admin().when().delete("/api/v1/portals/{p}/user-types/{t}", portal, first).then().statusCode(409)
                .body("code", equalTo("USER_TYPE_IN_USE"));

        try (TopicReader dlq = new TopicReader(Topics.deadLetter(Topics.USER_EVENTS))) {
            assertThat(dlq.readUntil(r -> poisonKey.equals(r.key()), got -> !got.isEmpty(), Duration.ofSeconds(20)))
                    .extracting(r -> r.value()).containsExactly("{not json");
        }
    }

    private static UserEvent event(String org, String portal, UserEvent.Type type, String typeId, String previous) {
        return new UserEvent(UUID.randomUUID(), type, org, Instant.now(), portal, UUID.randomUUID().toString(), typeId,
                previous, "Contacts", UUID.randomUUID().toString(), "someone@example.com");
    }
}
