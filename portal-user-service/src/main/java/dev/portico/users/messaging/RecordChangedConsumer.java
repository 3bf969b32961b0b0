package dev.portico.users.messaging;

import dev.portico.events.RecordChanged;
import dev.portico.kit.messaging.EventConsumer;
import dev.portico.users.service.RecordChanges;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code crm.record-changed} → the record directory, a poll's batch per transaction. */
@ApplicationScoped
public class RecordChangedConsumer {

    @Inject
    EventConsumer consumer;

    @Inject
    RecordChanges changes;

    @Incoming("records")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consumeBatch(records, RecordChanged.class, changes::apply);
    }
}
