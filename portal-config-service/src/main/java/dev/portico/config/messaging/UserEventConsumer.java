package dev.portico.config.messaging;

import dev.portico.config.service.UserCounts;
import dev.portico.events.UserEvent;
import dev.portico.kit.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the user count of each user type from portal-user-service's user events, through the kit's
 * {@link EventConsumer}, a poll's batch per transaction: each event is applied once ({@link UserCounts}); a database or broker outage is
 * waited out with backoff however long it lasts (the partition waits); a message that cannot be read or
 * applied goes to {@code portal.user-events.dlq} and the partition moves on.
 */
@ApplicationScoped
public class UserEventConsumer {

    @Inject
    EventConsumer consumer;

    @Inject
    UserCounts counts;

    @Incoming("user-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        consumer.consumeBatch(records, UserEvent.class, counts::applyAll);
    }
}
