package dev.portico.autoinvite.domain;

import dev.portico.kit.messaging.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Which records of a portal are users already or have an invitation in flight (table {@code record_state}), kept
 * from our own requests, {@code portal.user-events} and {@code portal.invitation-events}, so that evaluation asks
 * nobody per event.
 */
@ApplicationScoped
public class RecordStates {

    public enum State { REQUESTED, USER }

    public record Entry(State state, Instant updatedAt) {
    }

    /** A record in a portal. */
    public record Key(String orgId, UUID portalId, String recordId) {
    }

    /** The order rows are written in, so that batches touching the same records never deadlock. */
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::orgId).thenComparing(Key::recordId)
            .thenComparing(Key::portalId);

    @Inject
    EntityManager em;

    /**
     * The read of these records' states in every portal of their orgs ({@code orgIds[i]} with {@code recordIds[i]}),
     * each row handed to {@code into}: run beside the batch's dedupe insert, in the same round trip.
     */
    public ProcessedEvents.Read read(String[] orgIds, String[] recordIds, BiConsumer<Key, Entry> into) {
        return new ProcessedEvents.Read("""
                select r.org_id, cast(r.portal_id as text), r.record_id, r.state, r.updated_at
                  from record_state r
                  join (select distinct * from unnest(?, ?)) as k(org_id, record_id)
                    on r.org_id = k.org_id and r.record_id = k.record_id""",
                List.of(orgIds, recordIds),
                row -> into.accept(new Key(row.getString(1), UUID.fromString(row.getString(2)), row.getString(3)),
                        new Entry(State.valueOf(row.getString(4)),
                                row.getObject(5, OffsetDateTime.class).toInstant())));
    }

    /**
     * Marks these records REQUESTED, one statement for them all; a USER that arrived meanwhile stays. The rows are
     * written in key order, so two batches locking overlapping records wait for each other instead of deadlocking.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requested(Collection<Key> keys, Instant at) {
        if (keys.isEmpty()) {
            return;
        }
        List<Key> sorted = keys.stream().distinct().sorted(ORDER).toList();
        em.createNativeQuery("""
                        insert into record_state (org_id, portal_id, record_id, state, updated_at)
                        select k.org_id, cast(k.portal_id as uuid), k.record_id, 'REQUESTED', ?4
                          from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]))
                               with ordinality as k(org_id, portal_id, record_id, n)
                         order by k.n
                        on conflict (org_id, record_id, portal_id) do update
                           set state = excluded.state, updated_at = excluded.updated_at
                         where record_state.state <> 'USER'""")
                .setParameter(1, sorted.stream().map(Key::orgId).toArray(String[]::new))
                .setParameter(2, sorted.stream().map(k -> k.portalId().toString()).toArray(String[]::new))
                .setParameter(3, sorted.stream().map(Key::recordId).toArray(String[]::new))
                .setParameter(4, at)
                .executeUpdate();
    }

    /** Marks these records USER (each at its own time), one statement for them all. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void users(Map<Key, Instant> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<Map.Entry<Key, Instant>> sorted = keys.entrySet().stream().sorted(Map.Entry.comparingByKey(ORDER)).toList();
        em.createNativeQuery("""
                        insert into record_state (org_id, portal_id, record_id, state, updated_at)
                        select k.org_id, cast(k.portal_id as uuid), k.record_id, 'USER', k.at
                          from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as timestamptz[]))
                               with ordinality as k(org_id, portal_id, record_id, at, n)
                         order by k.n
                        on conflict (org_id, record_id, portal_id) do update
                           set state = excluded.state, updated_at = excluded.updated_at""")
                .setParameter(1, sorted.stream().map(e -> e.getKey().orgId()).toArray(String[]::new))
                .setParameter(2, sorted.stream().map(e -> e.getKey().portalId().toString()).toArray(String[]::new))
                .setParameter(3, sorted.stream().map(e -> e.getKey().recordId()).toArray(String[]::new))
                .setParameter(4, sorted.stream().map(e -> e.getValue().toString()).toArray(String[]::new))
                .executeUpdate();
    }

    /** These records may be invited again, one statement for them all. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void clearAll(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<Key> sorted = keys.stream().sorted(ORDER).toList();
        em.createNativeQuery("""
                        delete from record_state r
                         using unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[])) as k(org_id, portal_id, record_id)
                         where r.org_id = k.org_id and r.record_id = k.record_id and r.portal_id = cast(k.portal_id as uuid)""")
                .setParameter(1, sorted.stream().map(Key::orgId).toArray(String[]::new))
                .setParameter(2, sorted.stream().map(k -> k.portalId().toString()).toArray(String[]::new))
                .setParameter(3, sorted.stream().map(Key::recordId).toArray(String[]::new))
                .executeUpdate();
    }
}
