package dev.portico.kit.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

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
        Set<String> ids = new LinkedHashSet<>();
        for (T event : events) {
            UUID id = eventId.apply(event);
            if (id != null) {
                ids.add(id.toString());
            }
        }
        Set<UUID> fresh = new HashSet<>();
        if (!ids.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object> inserted = em.createNativeQuery("insert into processed_event (consumer, event_id) "
                            + "select ?1, cast(id as uuid) from unnest(cast(?2 as text[])) as ids(id) "
                            + "on conflict do nothing returning cast(event_id as text)")
                    .setParameter(1, consumer)
                    .setParameter(2, ids.toArray(new String[0]))
                    .getResultList();
            inserted.forEach(id -> fresh.add(UUID.fromString(id.toString())));
        }
        List<T> first = new ArrayList<>(events.size());
        for (T event : events) {
            UUID id = eventId.apply(event);
            if (id == null || fresh.remove(id)) {
                first.add(event);
            }
        }
        return first;
    }
}
