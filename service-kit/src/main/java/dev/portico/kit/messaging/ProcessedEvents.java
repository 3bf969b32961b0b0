package dev.portico.kit.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * Idempotent consumption: a consumer calls {@link #firstDelivery} in the transaction that applies the
 * event; the event id goes into {@code processed_event} under a primary key, so a redelivered event
 * finds it there and is skipped, and a rolled-back attempt leaves no trace.
 */
@ApplicationScoped
@IfBuildProperty(name = "portico.kit.persistence.enabled", stringValue = "true", enableIfMissing = true)
public class ProcessedEvents {

    @Inject
    EntityManager em;

    /** @return true the first time this consumer sees the event; false for a redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        return em.createNativeQuery("insert into processed_event (consumer, event_id) values (?1, ?2) "
                        + "on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate() == 1;
    }

    /**
     * The events of a batch this consumer sees for the first time, in their order, with one statement for the
     * whole batch (a batch consumer's per-event round trip was most of its cost). An id repeated within the batch
     * counts once, at its first place; events without an id are kept (nothing to deduplicate them by).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> List<T> firstDeliveries(String consumer, List<T> events, Function<T, UUID> eventId) {
        return firstDeliveries(consumer, events, eventId, null);
    }

    /**
     * Like {@link #firstDeliveries(String, List, Function)}, and runs the consumer's own read in the same round trip
     * (one message exchange with the database instead of two), handing it each row. The read runs after the insert,
     * in the same transaction, whether the batch holds first deliveries or not.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> List<T> firstDeliveries(String consumer, List<T> events, Function<T, UUID> eventId,
            Read alongside) {
        Set<String> ids = new LinkedHashSet<>();
        for (T event : events) {
            UUID id = eventId.apply(event);
            if (id != null) {
                ids.add(id.toString());
            }
        }
        Set<UUID> fresh = ids.isEmpty() && alongside == null ? new HashSet<>()
                : em.unwrap(Session.class).doReturningWork(connection -> insert(connection, consumer, ids, alongside));
        List<T> first = new ArrayList<>(events.size());
        for (T event : events) {
            UUID id = eventId.apply(event);
            if (id == null || fresh.remove(id)) {
                first.add(event);
            }
        }
        return first;
    }

    /** The ids inserted (first deliveries); then the read's rows, in the same round trip. */
    private static Set<UUID> insert(Connection connection, String consumer, Set<String> ids, Read alongside)
            throws SQLException {
        Set<UUID> fresh = new HashSet<>();
        List<String> statements = new ArrayList<>(2);
        if (!ids.isEmpty()) {
            statements.add("insert into processed_event (consumer, event_id) "
                    + "select ?, cast(id as uuid) from unnest(?) as ids(id) "
                    + "on conflict do nothing returning cast(event_id as text)");
        }
        if (alongside != null) {
            statements.add(alongside.sql());
        }
        try (PreparedStatement statement = connection.prepareStatement(String.join(";\n", statements))) {
            int index = 1;
            if (!ids.isEmpty()) {
                statement.setString(index++, consumer);
                statement.setArray(index++, connection.createArrayOf("text", ids.toArray()));
            }
            if (alongside != null) {
                for (Object parameter : alongside.parameters()) {
                    if (parameter instanceof String[] texts) {
                        statement.setArray(index++, connection.createArrayOf("text", texts));
                    } else {
                        statement.setObject(index++, parameter);
                    }
                }
            }
            boolean results = statement.execute();
            if (!ids.isEmpty()) {
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        fresh.add(UUID.fromString(rs.getString(1)));
                    }
                }
                results = statement.getMoreResults();
            }
            if (alongside != null) {
                if (!results) {
                    throw new IllegalStateException("The read beside the dedupe insert returned no rows: "
                            + alongside.sql());
                }
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        alongside.rows().accept(rs);
                    }
                }
            }
        }
        return fresh;
    }

    /**
     * A query a consumer runs beside the dedupe insert: one {@code select}, its parameters in order
     * ({@code String[]} binds as {@code text[]}), and what to do with each row.
     */
    public record Read(String sql, List<Object> parameters, RowHandler rows) {
    }

    /** Takes one row of a {@link Read}. */
    @FunctionalInterface
    public interface RowHandler {

        void accept(ResultSet row) throws SQLException;
    }
}
