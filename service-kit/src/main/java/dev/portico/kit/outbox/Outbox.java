package dev.portico.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.PorticoEvent;
import dev.portico.kit.problem.ProblemCodes;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.web.RequestIds;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Session;

/**
 * Publishes events transactionally: the row commits with the state change that caused it, or not at
 * all, and {@link OutboxRelay} delivers it to Kafka afterwards (at least once; consumers deduplicate on
 * {@code eventId}).
 * <p>
 * The events of a transaction are serialised (and checked for size) when published, and inserted together, in
 * the order they were published, with one batched statement just before the transaction commits: a consumer
 * batch or bulk job that publishes thousands of events makes one round trip for them, not one each.
 * <p>
 * Order per key: the rows' ids are drawn at that insert, before the commit. Publish while holding the row lock of
 * the aggregate the event is about ({@code PESSIMISTIC_WRITE} / {@code select ... for update}, or an
 * {@code update} already executed in this transaction): the lock is held until the commit, so a later writer of
 * the same aggregate, on any replica, draws its ids after these, and the relay's id order is the commit order.
 */
@ApplicationScoped
@IfBuildProperty(name = "portico.kit.persistence.enabled", stringValue = "true", enableIfMissing = true)
public class Outbox {

    private static final Object PENDING_KEY = new Object();

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    TransactionManager transactionManager;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    @Inject
    OutboxConfig config;

    /** An event as it will be inserted. */
    private record Row(String topic, String key, String payload, String requestId, Timestamp createdAt) {
    }

    /**
     * @throws ProblemException 413 {@code PAYLOAD_TOO_LARGE} when the event's JSON exceeds
     *                          {@code portico.outbox.max-payload-size}: Kafka would refuse it, so the
     *                          change that causes it is refused (and its transaction rolls back)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(PorticoEvent event) {
        pending().add(row(event, RequestIds.current(), Timestamp.from(Instant.now(clock))));
    }

    /** Publishes many events; their ids are drawn in list order, so the ordering rule of {@link #publish} holds. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<? extends PorticoEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String requestId = RequestIds.current();
        Timestamp now = Timestamp.from(Instant.now(clock));
        List<Row> rows = new ArrayList<>(events.size());
        for (PorticoEvent event : events) {
            rows.add(row(event, requestId, now));
        }
        pending().addAll(rows);
    }

    private Row row(PorticoEvent event, String requestId, Timestamp createdAt) {
        return new Row(event.topic(), event.key(), checkedPayload(event), requestId, createdAt);
    }

    /**
     * The transaction's events not inserted yet. The first publish of a transaction registers the insert to run
     * before it completes (a plain synchronization: those run before the persistence context's interposed flush,
     * while the session and its connection are still open), and the relay's wake-up after it commits.
     */
    @SuppressWarnings("unchecked")
    private List<Row> pending() {
        List<Row> rows = (List<Row>) transactions.getResource(PENDING_KEY);
        if (rows != null) {
            return rows;
        }
        List<Row> created = new ArrayList<>();
        transactions.putResource(PENDING_KEY, created);
        try {
            transactionManager.getTransaction().registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    insert(created);
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wake();
                    }
                }
            });
        } catch (SystemException | RollbackException e) {
            throw new IllegalStateException("Cannot publish in this transaction: " + e, e);
        }
        return created;
    }

    private void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // the persistence context's changes first (their row locks come before the ids); then the rows on the
        // transaction's own connection, opened and closed here (the session may have released its own already)
        em.unwrap(Session.class).flush();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into outbox (topic, msg_key, payload, request_id, created_at) values (?, ?, ?, ?, ?)")) {
            for (Row row : rows) {
                insert.setString(1, row.topic());
                insert.setString(2, row.key());
                insert.setString(3, row.payload());
                insert.setString(4, row.requestId());
                insert.setTimestamp(5, row.createdAt());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Writing " + rows.size() + " outbox rows failed: " + e.getMessage(), e);
        }
        rows.clear();
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
}
