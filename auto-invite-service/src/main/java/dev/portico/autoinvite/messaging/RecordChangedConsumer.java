package dev.portico.autoinvite.messaging;

import dev.portico.autoinvite.service.RecordEvaluation;
import dev.portico.events.RecordChanged;
import dev.portico.kit.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code crm.record-changed} → condition evaluation and invite requests, a poll's batch per transaction. */
@ApplicationScoped
public class RecordChangedConsumer {

    @Inject
    EventConsumer consumer;

    @Inject
    RecordEvaluation evaluation;

    @Incoming("records")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consumeBatch(records, RecordChanged.class, evaluation::apply);
    }
}
