package dev.portico.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.RecordChanged;
import dev.portico.kit.messaging.KafkaSettings;
import dev.portico.kit.web.RequestIds;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

/**
 * Publishes CRM record changes to {@code crm.record-changed}, keyed org/module/record so one record's
 * changes stay in order. Completes only when Kafka has acknowledged every event (acks=all, idempotent).
 * The gateway holds no state, so there is nothing to keep in an outbox: the caller gets 202 or an error. A batch
 * is validated whole before anything is sent, so a refused batch publishes nothing; but when Kafka fails in the
 * middle of one (503), some of its events may have been published: sending the whole batch again is safe, as
 * consumers apply each event once (by {@code eventId}) and a record's older version never over a newer one.
 */
@ApplicationScoped
public class CrmEventPublisher {

    @Inject
    Config config;

    @Inject
    ObjectMapper mapper;

    private KafkaProducer<String, String> producer;

    @PostConstruct
    void start() {
        producer = new KafkaProducer<>(producerProperties(config));
    }

    /**
     * The service's Kafka client settings ({@link KafkaSettings}: TLS and SASL on a secured cluster), then what
     * intake needs, which a {@code kafka.*} setting cannot weaken: every replica acknowledges and retries neither
     * duplicate nor reorder; a slow broker fails the request within seconds instead of holding it.
     */
    static Properties producerProperties(Config config) {
        Properties props = KafkaSettings.from(config);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "api-gateway-crm-intake");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    void stop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }

    /** Sends all events; the Uni completes when all are acknowledged, or fails with the first error. */
    public Uni<Void> publish(List<RecordChanged> events) {
        String requestId = RequestIds.current();
        List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
        for (RecordChanged event : events) {
            ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), json(event));
            if (requestId != null) {
                record.headers().add(RequestIds.HEADER, requestId.getBytes(StandardCharsets.UTF_8));
            }
            CompletableFuture<Void> ack = new CompletableFuture<>();
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    ack.complete(null);
                }
            });
            acks.add(ack);
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
    }

    private String json(RecordChanged event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
