package dev.portico.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The relay's producer is built from the service's kafka.* settings, with the outbox's guarantees on top. */
class OutboxProducerSettingsTest {

    @Test
    void securitySettingsReachTheProducerAndGuaranteesCannotBeWeakened() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "kafka.bootstrap.servers", "broker-1:9093,broker-2:9093",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.ssl.truststore.location", "/etc/kafka/truststore.p12",
                "kafka.acks", "1",
                "kafka.enable.idempotence", "false",
                "mp.messaging.incoming.x.topic", "not-a-client-setting"), "test", 500)).build();

        Properties props = OutboxRelay.producerProperties(config, "svc");

        assertThat(props).containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("client.id", "svc-outbox")
                .doesNotContainKey("topic")
                .doesNotContainKey("mp.messaging.incoming.x.topic");
    }

    @Test
    void onlyFailuresTiedToTheRecordPark() {
        assertThat(OutboxRelay.isPermanent(new RecordTooLargeException("1.15 MB"))).isTrue();
        assertThat(OutboxRelay.isPermanent(new TimeoutException("broker away"))).isFalse();
        assertThat(OutboxRelay.isPermanent(new NotLeaderOrFollowerException("election"))).isFalse();
    }
}
