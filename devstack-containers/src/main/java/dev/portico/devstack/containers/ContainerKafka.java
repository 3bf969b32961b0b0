package dev.portico.devstack.containers;

import dev.portico.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka in KRaft mode (one combined broker and controller) in a container, with the project's topics. */
public final class ContainerKafka {

    static final String IMAGE = "apache/kafka:4.1.0";

    private ContainerKafka() {
    }

    public static KafkaContainer create() {
        return new KafkaContainer(IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    }

    public static Map<String, String> settings(String bootstrapServers) {
        return Map.of("PORTICO_KAFKA", bootstrapServers);
    }

    public static Map<String, String> settings(KafkaContainer started) {
        return settings(started.getBootstrapServers());
    }

    /** The topics the embedded devstack creates: every topic of the contract, and a one-partition dead-letter twin. */
    public static List<NewTopic> topics(int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(new NewTopic(topic, partitions, (short) 1));
            topics.add(new NewTopic(Topics.deadLetter(topic), 1, (short) 1));
        }
        return topics;
    }

    static void createTopics(String bootstrapServers, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics(partitions)).all().get(60, TimeUnit.SECONDS);
        }
    }
}
