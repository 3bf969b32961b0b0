package dev.portico.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.PorticoEvent;
import dev.portico.kit.problem.ProblemCodes;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.tx.AfterCommit;
import dev.portico.kit.web.RequestIds;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/**
 * Publishes events transactionally: the row commits with the state change that caused it, or not at
 * all, and {@link OutboxRelay} delivers it to Kafka afterwards (at least once; consumers deduplicate on
 * {@code eventId}).
 * <p>
 * Order per key: the row's id is drawn when {@link #publish} inserts it. Call it while holding the row lock
 * of the aggregate the event is about ({@code PESSIMISTIC_WRITE} / {@code select ... for update}, or an
 * {@code update} already executed in this transaction): then a later writer of the same aggregate, on any
 * replica, waits for this commit before drawing its id, and the relay's id order is the commit order.
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

    @Inject
    OutboxConfig config;

    /**
     * @throws ProblemException 413 {@code PAYLOAD_TOO_LARGE} when the event's JSON exceeds
     *                          {@code portico.outbox.max-payload-size}: Kafka would refuse it, so the
     *                          change that causes it is refused (and its transaction rolls back)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(PorticoEvent event) {
        String payload = checkedPayload(event);
        OutboxMessage message = new OutboxMessage();
        message.topic = event.topic();
        message.key = event.key();
        message.payload = payload;
        message.requestId = RequestIds.current();
        message.createdAt = Instant.now(clock);
        em.persist(message);
        wakeRelayAfterCommit();
    }

    /**
     * Publishes many events with one batched insert (a bulk job's thousands of events are a few round trips, not
     * one each). Ids are drawn in list order, so the same ordering rule as {@link #publish} holds.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<? extends PorticoEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<String> payloads = new ArrayList<>(events.size());
        for (PorticoEvent event : events) {
            payloads.add(checkedPayload(event));
        }
        String requestId = RequestIds.current();
        Timestamp now = Timestamp.from(Instant.now(clock));
        Session session = em.unwrap(Session.class);
        session.flush();
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into outbox (topic, msg_key, payload, request_id, created_at) values (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < events.size(); i++) {
                    insert.setString(1, events.get(i).topic());
                    insert.setString(2, events.get(i).key());
                    insert.setString(3, payloads.get(i));
                    insert.setString(4, requestId);
                    insert.setTimestamp(5, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        wakeRelayAfterCommit();
    }

    /** The event's JSON, or a 413 when Kafka could not take it. */
    private String checkedPayload(PorticoEvent event) {
        String payload = toJson(event);
        long max = config.maxPayloadSize().asLongValue();
        // every char is at least one UTF-8 byte: a string longer than the limit need not be encoded to know
        long size = payload.length() > max ? payload.length() : payload.getBytes(StandardCharsets.UTF_8).length;
        if (size > max) {
            throw new ProblemException(413, ProblemCodes.PAYLOAD_TOO_LARGE, "The " + event.getClass().getSimpleName()
                    + " this change causes is larger than the " + max + " bytes an event may have.");
        }
        return payload;
    }

    private String toJson(PorticoEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event cannot be serialised: " + event.getClass().getSimpleName(), e);
        }
    }

    private void wakeRelayAfterCommit() {
        AfterCommit.once(transactions, WAKE_KEY, relay::wake);
    }
}
