package dev.portico.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.PorticoEvent;
import dev.portico.kit.web.RequestIds;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Publishes events transactionally: the row commits with the state change that caused it, or not at
 * all, and {@link OutboxRelay} delivers it to Kafka afterwards (at least once; consumers deduplicate on
 * {@code eventId}).
 */
@ApplicationScoped
@IfBuildProperty(name = "portico.kit.persistence.enabled", stringValue = "true", enableIfMissing = true)
public class Outbox {

    private static final Object WAKE_KEY = new Object();

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(PorticoEvent event) {
        OutboxMessage message = new OutboxMessage();
        message.topic = event.topic();
        message.key = event.key();
        message.payload = toJson(event);
        message.requestId = RequestIds.current();
        message.createdAt = Instant.now(clock);
        em.persist(message);
        wakeRelayAfterCommit();
    }

    private String toJson(PorticoEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event cannot be serialised: " + event.getClass().getSimpleName(), e);
        }
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_KEY) != null) {
            return;
        }
        transactions.putResource(WAKE_KEY, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
