package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.Topics;
import dev.portico.events.UserEvent;
import dev.portico.kit.testing.PostgresOutage;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for 15 s while user events arrive: the consumer waits it out, and afterwards every event
 * is applied exactly once and none went to the dead-letter topic.
 */
@QuarkusTest
class UserEventOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void databaseOutageIsWaitedOutAndEveryEventAppliedOnce() throws Exception {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        String type = api.defaultUserType(portal);
        List<UserEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(UserCountsConsumerTest.event(api.org, portal, UserEvent.Type.CREATED, type, null));
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            send(producer, events.subList(0, 5)); // in flight when the database goes
            try (PostgresOutage outage = PostgresOutage.begin()) {
                Instant end = Instant.now().plus(OUTAGE);
                for (int i = 5; i < 30; i += 5) {
                    send(producer, events.subList(i, i + 5));
                    send(producer, events.subList(i, i + 1)); // a redelivery as well
                    Thread.sleep(Math.max(0, Math.min(2_500, Duration.between(Instant.now(), end).toMillis())));
                }
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), end).toMillis()));
            }
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, type).then()
                        .body("userCount", equalTo(30)));
        try (TopicReader dlq = new TopicReader(Topics.deadLetter(Topics.USER_EVENTS))) {
            assertThat(dlq.readAll(r -> r.key() != null && r.key().startsWith(api.org + "/"), Duration.ofSeconds(3)))
                    .as("nothing dead-lettered").isEmpty();
        }
        Thread.sleep(1_000);
        api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, type).then()
                .body("userCount", equalTo(30));
    }

    private void send(KafkaProducer<String, String> producer, List<UserEvent> batch) throws Exception {
        for (UserEvent event : batch) {
            producer.send(new ProducerRecord<>(Topics.USER_EVENTS, event.key(), mapper.writeValueAsString(event))).get();
        }
    }
}
