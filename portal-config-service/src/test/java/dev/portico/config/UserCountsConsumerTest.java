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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * User counts per type follow portal-user-service's user events over real Kafka: once per event, scoped to the
 * event's org; poison goes to the DLQ with the dead-letter headers and consumption goes on behind it.
 */
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
        UserEvent afterPoison = event(api.org, portal, UserEvent.Type.CREATED, second, null);
        // poison in the partition of afterPoison, ahead of it: the partition must move on past them
        String key = afterPoison.key();
        UserEvent badType = event(api.org, portal, UserEvent.Type.CREATED, "not-a-uuid", null);
        try (KafkaProducer<String, String> producer = producer()) {
            for (UserEvent e : new UserEvent[] {created1, created2, created2, created3, moved, confirmed, created1}) {
                send(producer, e.key(), mapper.writeValueAsString(e));
            }
            send(producer, key, "{not json");
            send(producer, key, mapper.writeValueAsString(badType));
            send(producer, afterPoison.key(), mapper.writeValueAsString(afterPoison));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, first).then()
                    .body("userCount", equalTo(2));
            api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, second).then()
                    .body("userCount", equalTo(2));
        });
        api.admin().when().delete("/api/v1/portals/{p}/user-types/{t}", portal, first).then().statusCode(409)
                .body("code", equalTo("USER_TYPE_IN_USE"));

        try (TopicReader dlq = new TopicReader(Topics.deadLetter(Topics.USER_EVENTS))) {
            List<ConsumerRecord<String, String>> dead = dlq.readAll(
                    r -> r.key() != null && r.key().startsWith(api.org + "/"), Duration.ofSeconds(5));
            assertThat(dead).extracting(ConsumerRecord::key).containsExactly(key, key);
            ConsumerRecord<String, String> poison = dead.get(0);
            assertThat(poison.value()).isEqualTo("{not json");
            assertThat(dead.get(1).value()).isEqualTo(mapper.writeValueAsString(badType));
            assertThat(header(poison, "dead-letter-topic")).isEqualTo(Topics.USER_EVENTS);
            assertThat(header(poison, "dead-letter-consumer")).isEqualTo("portal-config-service");
            assertThat(header(poison, "dead-letter-reason")).contains("cannot be read as UserEvent");
            assertThat(header(poison, "dead-letter-offset")).matches("\\d+");
            assertThat(header(poison, "dead-letter-partition")).matches("\\d+");
            assertThat(header(dead.get(1), "dead-letter-reason")).contains("not-a-uuid");
        }
    }

    @Test
    void eventOfOneOrgNeverCountsAnotherOrgsUserType() throws Exception {
        ConfigApi victim = ConfigApi.newOrg().enterprise();
        String victimPortal = victim.portal("Contacts");
        String victimType = victim.defaultUserType(victimPortal);
        ConfigApi attacker = ConfigApi.newOrg().enterprise();
        String attackerPortal = attacker.portal("Contacts");
        String attackerType = attacker.defaultUserType(attackerPortal);

        try (KafkaProducer<String, String> producer = producer()) {
            // an event of the attacker's org naming the victim's user type, then one naming its own
            UserEvent foreign = event(attacker.org, attackerPortal, UserEvent.Type.CREATED, victimType, null);
            UserEvent own = event(attacker.org, attackerPortal, UserEvent.Type.CREATED, attackerType, null);
            send(producer, foreign.key(), mapper.writeValueAsString(foreign));
            send(producer, own.key(), mapper.writeValueAsString(own));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> attacker.admin()
                .when().get("/api/v1/portals/{p}/user-types/{t}", attackerPortal, attackerType).then()
                .body("userCount", equalTo(1)));
        victim.admin().when().get("/api/v1/portals/{p}/user-types/{t}", victimPortal, victimType).then()
                .body("userCount", equalTo(0));
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    private static void send(KafkaProducer<String, String> producer, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.USER_EVENTS, key, value)).get();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    static UserEvent event(String org, String portal, UserEvent.Type type, String typeId, String previous) {
        return new UserEvent(UUID.randomUUID(), type, org, Instant.now(), portal, UUID.randomUUID().toString(), typeId,
                previous, "Contacts", UUID.randomUUID().toString(), "someone@example.com");
    }
}
