package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Poison on every consumed topic, with all five services running: an unreadable message on every partition of
 * each topic is parked by every consumer of that topic on {@code <topic>.dlq} (named by its
 * {@code dead-letter-consumer} header), and the events that follow the poison in those partitions are still
 * consumed — an auto-invite runs its whole chain through them afterwards.
 */
class PoisonMessageTest {

    /** Each topic's consumers (service, as the dead-letter-consumer header names it → how many consumer groups). */
    private static final Map<String, Map<String, Integer>> CONSUMERS = new LinkedHashMap<>();

    static {
        CONSUMERS.put(Topics.CRM_RECORD_CHANGED, Map.of("portal-user-service", 1, "auto-invite-service", 1));
        CONSUMERS.put(Topics.INVITE_REQUESTED, Map.of("portal-user-service", 1));
        CONSUMERS.put(Topics.INVITATION_DISPATCH, Map.of("invitation-service", 1));
        CONSUMERS.put(Topics.INVITATION_EVENTS, Map.of("portal-user-service", 1, "auto-invite-service", 1));
        CONSUMERS.put(Topics.USER_EVENTS,
                Map.of("portal-config-service", 1, "invitation-service", 1, "auto-invite-service", 1));
        // auto-invite-service reads config events twice: its config directory and its portal-change handling
        CONSUMERS.put(Topics.CONFIG_EVENTS,
                Map.of("portal-user-service", 1, "invitation-service", 1, "auto-invite-service", 2));
    }

    @Test
    void poisonOnEveryConsumedTopicIsDeadLetteredByEachConsumerAndConsumptionGoesOn() throws Exception {
        Stack.gateway(); // all five services up, their consumers subscribed (ready)
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Map<String, Integer>> expected = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> seen = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = producer();
                KafkaConsumer<String, String> dlq = consumer()) {
            List<TopicPartition> deadLetterPartitions = new ArrayList<>();
            for (String topic : CONSUMERS.keySet()) {
                for (PartitionInfo p : dlq.partitionsFor(Topics.deadLetter(topic))) {
                    deadLetterPartitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            dlq.assign(deadLetterPartitions);
            dlq.seekToEnd(deadLetterPartitions);
            deadLetterPartitions.forEach(dlq::position); // fix the start before the poison goes out

            for (String topic : CONSUMERS.keySet()) {
                List<PartitionInfo> partitions = producer.partitionsFor(topic);
                for (PartitionInfo p : partitions) {
                    producer.send(new ProducerRecord<>(topic, p.partition(), "poison-" + run + "-" + p.partition(),
                            "{not json")).get();
                }
                Map<String, Integer> perConsumer = new TreeMap<>();
                CONSUMERS.get(topic).forEach((service, groups) -> perConsumer.put(service, groups * partitions.size()));
                expected.put(topic, perConsumer);
                seen.put(topic, new TreeMap<>());
            }

            Instant deadline = Instant.now().plusSeconds(60);
            while (!seen.equals(expected) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    if (r.key() == null || !r.key().startsWith("poison-" + run + "-")) {
                        continue;
                    }
                    assertThat(r.value()).isEqualTo("{not json");
                    String from = header(r, "dead-letter-topic");
                    assertThat(r.topic()).isEqualTo(Topics.deadLetter(from));
                    seen.get(from).merge(header(r, "dead-letter-consumer"), 1, Integer::sum);
                }
            }
        }
        assertThat(seen).as("dead-lettered copies per topic and consumer").isEqualTo(expected);

        // every partition of every consumed topic has poison behind it now: a whole auto-invite chain goes through
        // crm.record-changed (both consumers), portal.invite-requested, portal.invitation-dispatch,
        // portal.invitation-events (portal-user-service) and portal.user-events (portal-config-service's counts)
        Gateway admin = Gateway.newOrg();
        String tag = admin.org.substring(4, 12);
        admin.api().body(Map.of("name", "Poison " + tag, "edition", "ENTERPRISE")).put("/org").then().statusCode(200);
        String portal = admin.api().body(Map.of("name", "Customers", "module", "Contacts", "slug", "poison-" + tag))
                .post("/portals").then().statusCode(201).extract().path("id");
        String type = admin.api().get("/portals/{p}/user-types", portal).then().statusCode(200)
                .extract().path("items[0].id");
        admin.api().body(Map.of("name", "Everyone paying", "userTypeId", type, "triggers", List.of("CREATE"),
                        "commonCondition", Map.of("field", "Subscription", "op", "eq", "value", "Paid"),
                        "languageMode", "SINGLE", "rules", List.of(Map.of("language", "en")), "enabled", true))
                .post("/portals/{p}/auto-invites", portal).then().statusCode(201);
        String email = "after-poison-" + tag + "@customer.example";
        admin.api().body(Map.of("eventId", UUID.randomUUID().toString(), "orgId", admin.org, "module", "Contacts",
                        "recordId", "after-poison", "operation", "CREATED", "version", 1,
                        "record", Map.of("Full_Name", "After Poison", "Email", email, "Subscription", "Paid")))
                .post("/crm/events").then().statusCode(202);

        admin.awaitRecords("Contacts", List.of("after-poison"));
        await().atMost(Duration.ofSeconds(40)).until(() -> Gateway.inbox(email), mails -> mails.size() == 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin.api()
                .get("/portals/{p}/users?q=after", portal).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].status", equalTo("UNCONFIRMED")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin.api()
                .get("/portals/{p}/user-types", portal).then().statusCode(200)
                .body("items[0].userCount", equalTo(1)));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static String kafka() {
        String kafka = System.getenv("PORTICO_KAFKA");
        return kafka == null || kafka.isBlank() ? "127.0.0.1:59092" : kafka;
    }
}
