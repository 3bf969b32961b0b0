package dev.portico.kit.messaging;

import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * The Kafka client settings of the service: every {@code kafka.*} property (bootstrap servers, and on a
 * secured cluster {@code security.protocol}, {@code sasl.*}, {@code ssl.*}), the same ones the
 * SmallRye Kafka connector hands to its own clients. The kit's own producers (outbox relay, dead
 * letters) start from these, so they work wherever the service's consumers do.
 */
public final class KafkaSettings {

    private static final String PREFIX = "kafka.";

    private KafkaSettings() {
    }

    public static Properties from(Config config) {
        Properties properties = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> properties.put(name.substring(PREFIX.length()), value));
            }
        }
        return properties;
    }
}
