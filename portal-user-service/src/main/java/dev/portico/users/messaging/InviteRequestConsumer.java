package dev.portico.users.messaging;

import dev.portico.events.InviteRequested;
import dev.portico.kit.messaging.EventConsumer;
import dev.portico.users.service.InviteRequests;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code portal.invite-requested} → the membership gate. */
@ApplicationScoped
public class InviteRequestConsumer {

    @Inject
    EventConsumer consumer;

    @Inject
    InviteRequests requests;

    @Incoming("invite-requests")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consumeBatch(records, InviteRequested.class, requests::apply);
    }
}
