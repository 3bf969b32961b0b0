package dev.portico.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** CRM intake's producer works on a secured cluster: it takes the gateway's kafka.* settings, guarantees on top. */
class CrmProducerSettingsTest {

    @Test
    void securitySettingsReachTheProducerAndGuaranteesCannotBeWeakened() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "kafka.bootstrap.servers", "broker-1:9093",
                "kafka.security.protocol", "SSL",
                "kafka.ssl.truststore.location", "/etc/kafka/truststore.p12",
                "kafka.acks", "0",
                "kafka.enable.idempotence", "false"), "test", 500)).build();

        Properties props = CrmEventPublisher.producerProperties(config);

        assertThat(props).containsEntry("bootstrap.servers", "broker-1:9093")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("client.id", "api-gateway-crm-intake");
    }
}
