package dev.portico.devstack.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.events.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * How the Testcontainers seam builds the settings the tests run with. Nothing here starts a container: there is
 * no Docker engine on this repository's machines (the container path itself is not exercised by CI).
 */
class ContainerSettingsTest {

    @Test
    void postgresSettingsNameTheMappedPortAndTheDevstacksDatabaseAndRole() {
        assertThat(ContainerPostgres.settings("docker.host", 49153)).containsExactly(
                Map.entry("PORTICO_DB_URL", "jdbc:postgresql://docker.host:49153/portico"),
                Map.entry("PORTICO_DB_USER", "portico"),
                Map.entry("PORTICO_DB_PASSWORD", "portico"));
        assertThat(ContainerPostgres.IMAGE).as("DESIGN: PostgreSQL 17").startsWith("postgres:17");
    }

    @Test
    void kafkaSettingsAreTheBootstrapServersAndTheTopicsAreTheDevstacks() {
        assertThat(ContainerKafka.settings("localhost:32771")).containsExactly(Map.entry("PORTICO_KAFKA", "localhost:32771"));
        assertThat(ContainerKafka.IMAGE).as("Apache Kafka's own image runs in KRaft mode").startsWith("apache/kafka:");
        var topics = ContainerKafka.topics(6);
        assertThat(topics).hasSize(Topics.ALL.size() * 2);
        for (String topic : Topics.ALL) {
            assertThat(topics).filteredOn(t -> t.name().equals(topic)).singleElement()
                    .satisfies(t -> assertThat(t.numPartitions()).isEqualTo(6));
            assertThat(topics).filteredOn(t -> t.name().equals(topic + ".dlq")).singleElement()
                    .satisfies(t -> assertThat(t.numPartitions()).isEqualTo(1));
        }
        assertThat(topics).extracting(NewTopic::replicationFactor).containsOnly((short) 1);
    }

    @Test
    void mailSettingsAreSmtpAsHostColonPortAndTheWebApi() {
        assertThat(ContainerMail.settings("127.0.0.1", 32768, 32769)).containsExactly(
                Map.entry("PORTICO_SMTP", "127.0.0.1:32768"),
                Map.entry("PORTICO_MAIL_API", "http://127.0.0.1:32769"));
    }

    @Test
    void theReadyFileHasTheEmbeddedDevstacksLinesInItsOrder() {
        Map<String, String> all = ContainerStack.settings(ContainerPostgres.settings("h", 1),
                ContainerKafka.settings("h:2"), ContainerMail.settings("h", 3, 4));
        assertThat(ContainerStack.readyFile(all)).isEqualTo("""
                PORTICO_DB_URL=jdbc:postgresql://h:1/portico
                PORTICO_DB_USER=portico
                PORTICO_DB_PASSWORD=portico
                PORTICO_KAFKA=h:2
                PORTICO_SMTP=h:3
                PORTICO_MAIL_API=http://h:4
                """);
        assertThatThrownBy(() -> ContainerStack.readyFile(Map.of("PORTICO_X", "a\nPORTICO_Y=b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsAreNameEqualsValue() {
        assertThat(ContainerStack.options(new String[] {"--data-dir=/tmp/x", "--partitions=3"}))
                .containsExactly(Map.entry("data-dir", "/tmp/x"), Map.entry("partitions", "3"));
        assertThatThrownBy(() -> ContainerStack.options(new String[] {"/tmp/x"})).isInstanceOf(IllegalArgumentException.class);
    }
}
