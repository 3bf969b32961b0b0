package dev.portico.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The tests run against real servers, not fakes: this proves it. */
@QuarkusTest
class RealInfrastructureTest {

    @Inject
    EntityManager em;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void postgresIsARealPostgres17() {
        String version = QuarkusTransaction.requiringNew().call(() ->
                (String) em.createNativeQuery("select version()").getSingleResult());
        assertThat(version).startsWith("PostgreSQL 17");
        String schema = QuarkusTransaction.requiringNew().call(() ->
                (String) em.createNativeQuery("select current_schema()").getSingleResult());
        assertThat(schema).isEqualTo("kit_test");
    }

    @Test
    void devstackCreatedEveryTopicOfTheContractWithItsDeadLetterTwin() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> names = new ArrayList<>(Topics.ALL);
            Topics.ALL.forEach(topic -> names.add(Topics.deadLetter(topic)));
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            for (String topic : Topics.ALL) {
                assertThat(topics.get(topic).partitions()).as(topic).hasSizeGreaterThan(1);
                // created by the devstack, not by a first producer: the broker would give a twin 6 partitions
                assertThat(topics.get(Topics.deadLetter(topic)).partitions()).as(Topics.deadLetter(topic)).hasSize(1);
            }
        }
    }

    @Test
    void kafkaRoundTrip() throws Exception {
        String key = "round-trip-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("crm.record-changed.dlq", key, "{\"hello\":1}")).get();
        }
        try (TopicReader reader = new TopicReader("crm.record-changed.dlq")) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(r -> key.equals(r.key()),
                    got -> !got.isEmpty(), Duration.ofSeconds(30));
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("{\"hello\":1}");
        }
    }
}
