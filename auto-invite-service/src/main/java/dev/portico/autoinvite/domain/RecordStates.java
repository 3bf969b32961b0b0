package dev.portico.autoinvite.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    @Inject
    EntityManager em;

    /** The states of these records in every portal of the org, keyed by {@link #key(UUID, String)}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Entry> of(String orgId, Collection<String> recordIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select cast(portal_id as text), record_id, state, updated_at from record_state
                        where org_id = ?1 and record_id = any(?2)""")
                .setParameter(1, orgId)
                .setParameter(2, recordIds.toArray(new String[0]))
                .getResultList();
        Map<String, Entry> states = new HashMap<>();
        for (Object[] row : rows) {
            states.put(key(UUID.fromString((String) row[0]), (String) row[1]),
                    new Entry(State.valueOf((String) row[2]), toInstant(row[3])));
        }
        return states;
    }

    /**
     * Sets the state; a REQUESTED never overwrites a USER that arrived meanwhile. The upsert also takes the row
     * lock that keeps the outbox's order per record (see service-kit Outbox).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void set(String orgId, UUID portalId, String recordId, State state, Instant at) {
        em.createNativeQuery("""
                        insert into record_state (org_id, portal_id, record_id, state, updated_at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (org_id, record_id, portal_id) do update
                           set state = excluded.state, updated_at = excluded.updated_at
                         where excluded.state = 'USER' or record_state.state <> 'USER'""")
                .setParameter(1, orgId)
                .setParameter(2, portalId)
                .setParameter(3, recordId)
                .setParameter(4, state.name())
                .setParameter(5, at)
                .executeUpdate();
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
        List<Key> sorted = keys.stream().distinct().sorted(Comparator.comparing(Key::orgId)
                .thenComparing(Key::recordId).thenComparing(Key::portalId)).toList();
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

    /** The record may be invited again (its invitation failed, or its user was removed). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void clear(String orgId, UUID portalId, String recordId) {
        em.createNativeQuery("delete from record_state where org_id = ?1 and record_id = ?2 and portal_id = ?3")
                .setParameter(1, orgId)
                .setParameter(2, recordId)
                .setParameter(3, portalId)
                .executeUpdate();
    }

    public static String key(UUID portalId, String recordId) {
        return portalId + "/" + recordId;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
