package dev.portico.kit.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Parks a poison message on {@code <topic>.dlq}: same key, value and headers, plus the reason and where
 * it came from ({@code dead-letter-*} headers, as SmallRye's own dead-letter strategy names them).
 */
@ApplicationScoped
public class DeadLetters {

    public static final String SUFFIX = ".dlq";

    @Inject
    Config config;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "portico")
    String applicationName;

    private volatile KafkaProducer<String, String> producer;

    public void send(ConsumerRecord<String, String> record, Throwable reason) throws Exception {
        ProducerRecord<String, String> dead = new ProducerRecord<>(record.topic() + SUFFIX, record.key(), record.value());
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        dead.headers().add("dead-letter-reason", bytes(String.valueOf(reason.getMessage())));
        dead.headers().add("dead-letter-cause", bytes(reason.getClass().getName()));
        dead.headers().add("dead-letter-topic", bytes(record.topic()));
        dead.headers().add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        dead.headers().add("dead-letter-offset", bytes(Long.toString(record.offset())));
        dead.headers().add("dead-letter-consumer", bytes(applicationName));
        producer().send(dead).get(30, TimeUnit.SECONDS);
        metrics.counter("portico.consumer.dead.lettered", "topic", record.topic()).increment();
        Log.warnf("Dead-lettered %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason.getMessage());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = KafkaSettings.from(config);
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-dead-letters");
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    producer = new KafkaProducer<>(props);
                }
                current = producer;
            }
        }
        return current;
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
