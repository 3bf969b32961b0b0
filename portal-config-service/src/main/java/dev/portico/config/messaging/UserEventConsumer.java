package dev.portico.config.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.config.service.UserCounts;
import dev.portico.events.UserEvent;
import dev.portico.kit.web.RequestIds;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the user count of each user type from portal-user-service's user events. Each attempt is its own
 * transaction ({@link UserCounts}); database hiccups are retried with backoff; a message that cannot be
 * read or applied goes to {@code portal.user-events.dlq} and the partition moves on.
 */
@ApplicationScoped
public class UserEventConsumer {

    @Inject
    UserCounts counts;

    @Inject
    ObjectMapper mapper;

    @Incoming("user-events")
    @Blocking
    @Retry(maxRetries = 5, delay = 100, retryOn = PersistenceException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public void consume(ConsumerRecord<String, String> record) throws Exception {
        RequestIds.restore(record.headers());
        try {
            UserEvent event = mapper.readValue(record.value(), UserEvent.class);
            if (event.eventId() == null || event.type() == null) {
                throw new IllegalArgumentException("user event without eventId or type at offset " + record.offset());
            }
            counts.apply(event);
        } finally {
            RequestIds.clear();
        }
    }
}
