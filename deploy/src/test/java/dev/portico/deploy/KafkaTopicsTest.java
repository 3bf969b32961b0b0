package dev.portico.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.events.Topics;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strimzi creates exactly the topics the code uses, each with its dead-letter twin. */
class KafkaTopicsTest {

    /** What an event record's {@code topic()} returns, in any main source. */
    private static final Pattern TOPIC_METHOD = Pattern.compile("String\\s+topic\\(\\)\\s*\\{\\s*return\\s+([^;]+);");

    /**
     * The topics the code uses: portal-events' Topics (every constant naming a topic, and its list), what every
     * event's {@code topic()} returns (producers send each event to its {@code topic()}), and every
     * {@code mp.messaging.*.topic} a service's channels read.
     */
    static Set<String> topicsOfTheCode() throws Exception {
        Set<String> topics = new TreeSet<>(Topics.ALL);
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String value = (String) field.get(null);
                if (value.matches("(crm|portal)\\.[a-z0-9.-]+")) {
                    topics.add(value);
                }
            }
        }
        List<Path> sources = Repo.mainSources();
        assertThat(sources).as("main sources").anyMatch(p -> p.endsWith("Topics.java"))
                .anyMatch(p -> p.toString().contains("invitation-service"));
        int events = 0;
        for (Path source : sources) {
            Matcher matcher = TOPIC_METHOD.matcher(Repo.read(source));
            while (matcher.find()) {
                String expression = matcher.group(1).trim();
                assertThat(expression).as(source + ": topic() names a Topics constant").matches("Topics\\.[A-Z_]+");
                topics.add((String) Topics.class.getField(expression.substring("Topics.".length())).get(null));
                events++;
            }
        }
        assertThat(events).as("event records with a topic()").isGreaterThanOrEqualTo(Topics.ALL.size());
        for (String service : Repo.SERVICES) {
            topics.addAll(Repo.channelTopics(service));
        }
        topics.removeIf(topic -> topic.endsWith(Topics.DEAD_LETTER_SUFFIX));
        return topics;
    }

    static Set<String> topicsWithDeadLetterTwins() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (String topic : topicsOfTheCode()) {
            expected.add(topic);
            expected.add(Topics.deadLetter(topic));
        }
        return expected;
    }

    static String topicName(GenericKubernetesResource topic) {
        Object name = Manifests.field(topic, "spec", "topicName");
        return name == null ? topic.getMetadata().getName() : name.toString();
    }

    @Test
    void theCodesTopicListIsTheContractsAndEveryChannelIsOnIt() throws Exception {
        // a channel reading a topic that Topics does not list would be a topic no deployment creates
        assertThat(topicsOfTheCode()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void kafkaTopicsAreExactlyTheCodesTopicsAndTheirDeadLetterTwins(String overlay) throws Exception {
        List<GenericKubernetesResource> topics = Manifests.ofKind(Manifests.render(overlay), "KafkaTopic");
        assertThat(topics).extracting(KafkaTopicsTest::topicName)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(topicsWithDeadLetterTwins());
        for (GenericKubernetesResource topic : topics) {
            assertThat(topic.getMetadata().getLabels()).as(topicName(topic)).containsEntry("strimzi.io/cluster", "portico-kafka");
            int partitions = ((Number) Manifests.field(topic, "spec", "partitions")).intValue();
            if (topicName(topic).endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                assertThat(partitions).as(topicName(topic)).isEqualTo(1);
            } else {
                assertThat(partitions).as(topicName(topic) + ": consumers of one group share the work").isGreaterThan(1);
            }
        }
    }

    @Test
    void prodReplicatesEveryTopicThreeTimesWithMinIsrTwo() {
        for (GenericKubernetesResource topic : Manifests.ofKind(Manifests.render("overlays/prod"), "KafkaTopic")) {
            assertThat(((Number) Manifests.field(topic, "spec", "replicas")).intValue()).as(topicName(topic)).isEqualTo(3);
            assertThat(String.valueOf(Manifests.field(topic, "spec", "config", "min.insync.replicas")))
                    .as(topicName(topic)).isEqualTo("2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void kafkaRunsInKraftModeOnNodePoolsWithControllersAndBrokers(String overlay) {
        List<HasMetadata> objects = Manifests.render(overlay);
        List<GenericKubernetesResource> kafkas = Manifests.ofKind(objects, "Kafka");
        assertThat(kafkas).hasSize(1);
        Map<String, String> annotations = kafkas.get(0).getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("strimzi.io/kraft", "enabled").containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(Manifests.field(kafkas.get(0), "spec", "zookeeper")).isNull();
        Set<Object> roles = new TreeSet<>();
        for (GenericKubernetesResource pool : Manifests.ofKind(objects, "KafkaNodePool")) {
            assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafkas.get(0).getMetadata().getName());
            roles.addAll((List<?>) Manifests.field(pool, "spec", "roles"));
        }
        assertThat(roles).containsExactlyInAnyOrder("broker", "controller");
        if (overlay.endsWith("prod")) {
            // in prod no node is both: three controllers, three brokers
            for (GenericKubernetesResource pool : Manifests.ofKind(objects, "KafkaNodePool")) {
                assertThat((List<?>) Manifests.field(pool, "spec", "roles")).hasSize(1);
                assertThat(((Number) Manifests.field(pool, "spec", "replicas")).intValue()).isGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void prodGivesEachServiceItsOwnDatabase() {
        List<HasMetadata> objects = Manifests.render("overlays/prod");
        assertThat(Manifests.ofKind(objects, "Cluster")).hasSize(1);
        Set<String> urls = new TreeSet<>();
        Manifests.ofType(objects, io.fabric8.kubernetes.api.model.apps.Deployment.class).forEach(d ->
                d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> {
                    if (c.getEnv() != null) {
                        c.getEnv().stream().filter(e -> e.getName().equals("PORTICO_DB_URL")).forEach(e -> urls.add(e.getValue()));
                    }
                }));
        assertThat(urls).hasSize(4);
        Set<Object> databases = new TreeSet<>();
        Manifests.ofKind(objects, "Database").forEach(db -> databases.add(Manifests.field(db, "spec", "name")));
        for (String url : urls) {
            assertThat(databases).as(url).contains(url.substring(url.lastIndexOf('/') + 1));
        }
    }
}
