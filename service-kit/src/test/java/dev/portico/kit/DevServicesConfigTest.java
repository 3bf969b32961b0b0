package dev.portico.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * quarkus:dev starts PostgreSQL and Kafka through Dev Services when no PORTICO_* infrastructure is set, and uses
 * what is set otherwise; tests and the other profiles never start Dev Services (no Docker on our machines).
 * Dev Services start a datasource or Kafka only when its URL has no value: that is what is checked here (no
 * container is started).
 */
class DevServicesConfigTest {

    private static final Map<String, String> EMBEDDED = Map.of(
            "PORTICO_DB_URL", "jdbc:postgresql://127.0.0.1:55432/portico", "PORTICO_KAFKA", "127.0.0.1:59092");

    @Test
    void devWithoutInfrastructureLeavesTheUrlsUnsetAndDevServicesOn() throws Exception {
        SmallRyeConfig dev = config("dev", Map.of());
        assertThat(dev.getOptionalValue("quarkus.datasource.jdbc.url", String.class)).isEmpty();
        assertThat(dev.getOptionalValue("kafka.bootstrap.servers", String.class)).isEmpty();
        assertThat(dev.getValue("quarkus.devservices.enabled", Boolean.class)).isTrue();
        assertThat(dev.getValue("quarkus.kafka.devservices.enabled", Boolean.class)).isTrue();
    }

    @Test
    void devWithInfrastructureUsesIt() throws Exception {
        SmallRyeConfig dev = config("dev", EMBEDDED);
        assertThat(dev.getValue("quarkus.datasource.jdbc.url", String.class)).isEqualTo(EMBEDDED.get("PORTICO_DB_URL"));
        assertThat(dev.getValue("kafka.bootstrap.servers", String.class)).isEqualTo("127.0.0.1:59092");
    }

    @Test
    void everyOtherProfileKeepsExplicitUrlsAndNoDevServices() throws Exception {
        for (String profile : new String[] {"test", "local", "prod"}) {
            SmallRyeConfig config = config(profile, Map.of());
            assertThat(config.getValue("quarkus.devservices.enabled", Boolean.class)).as(profile).isFalse();
            assertThat(config.getValue("quarkus.kafka.devservices.enabled", Boolean.class)).as(profile).isFalse();
            assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class)).as(profile)
                    .isEqualTo("jdbc:postgresql://127.0.0.1:55432/portico");
            assertThat(config.getValue("kafka.bootstrap.servers", String.class)).as(profile).isEqualTo("127.0.0.1:59092");
        }
    }

    private static SmallRyeConfig config(String profile, Map<String, String> environment) throws Exception {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(
                        Path.of("src/main/resources/META-INF/microprofile-config.properties").toUri().toURL(), 100))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
    }
}
