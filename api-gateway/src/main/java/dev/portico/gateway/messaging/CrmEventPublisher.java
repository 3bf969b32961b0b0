package dev.portico.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.RecordChanged;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes CRM record changes to {@code crm.record-changed}, keyed org/module/record so one record's
 * changes stay in order. Completes only when Kafka has acknowledged every event (acks=all, idempotent).
 * The gateway holds no state, so there is nothing to keep in an outbox: the caller gets 202 or an error.
 */
@ApplicationScoped
public class CrmEventPublisher {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    private KafkaProducer<String, String> producer;

    @PostConstruct
    void start() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "api-gateway-crm-intake");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
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
