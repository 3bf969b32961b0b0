package dev.portico.autoinvite.domain;

import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Failed auto-invites (table {@code auto_invite_failure}): one row per record, configuration and reason. */
@ApplicationScoped
public class FailureLog {

    /** One row as listed; {@code configName} is null once the configuration is deleted. */
    public record Row(UUID id, UUID portalId, UUID configId, String configName, String recordId, String name,
            String email, String reason, String message, int attempts, Instant firstFailedAt, Instant lastFailedAt) {
    }

    public record Filter(UUID configId, String reason, Instant from, Instant to) {
    }

    /** One failed attempt. */
    public record Failure(String orgId, UUID portalId, UUID configId, String recordId, String reason, String name,
            String email, String message, Instant at) {

        List<Object> key() {
            return List.of(orgId, portalId, recordId, configId, reason);
        }
    }

    @Inject
    EntityManager em;

    /**
     * Adds the attempts of a batch with one statement: attempts of the same record, configuration and reason are
     * counted together first (an upsert cannot touch one row twice), the latest message and date winning.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        Map<List<Object>, Failure> latest = new LinkedHashMap<>();
        Map<List<Object>, Integer> attempts = new HashMap<>();
        Map<List<Object>, Instant> first = new HashMap<>();
        for (Failure f : failures) {
            attempts.merge(f.key(), 1, Integer::sum);
            first.merge(f.key(), f.at(), (a, b) -> a.isBefore(b) ? a : b);
            latest.merge(f.key(), f, (a, b) -> new Failure(b.orgId(), b.portalId(), b.configId(), b.recordId(),
                    b.reason(), b.name() != null ? b.name() : a.name(), b.email() != null ? b.email() : a.email(),
                    b.message(), b.at().isAfter(a.at()) ? b.at() : a.at()));
        }
        List<Failure> rows = new ArrayList<>(latest.values());
        em.createNativeQuery("""
                        insert into auto_invite_failure (id, org_id, portal_id, config_id, record_id, reason, name, email,
                                                         message, attempts, first_failed_at, last_failed_at)
                        select gen_random_uuid(), f.org_id, cast(f.portal_id as uuid), cast(f.config_id as uuid),
                               f.record_id, f.reason, f.name, f.email, f.message, f.attempts, f.first_at, f.last_at
                          from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]),
                                      cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]), cast(?8 as text[]),
                                      cast(?9 as int[]), cast(?10 as timestamptz[]), cast(?11 as timestamptz[]))
                               as f(org_id, portal_id, config_id, record_id, reason, name, email, message, attempts,
                                    first_at, last_at)
                        on conflict (org_id, portal_id, record_id, config_id, reason) do update
                           set attempts = auto_invite_failure.attempts + excluded.attempts,
                               name = coalesce(excluded.name, auto_invite_failure.name),
                               email = coalesce(excluded.email, auto_invite_failure.email),
                               message = excluded.message,
                               last_failed_at = greatest(auto_invite_failure.last_failed_at, excluded.last_failed_at)""")
                .setParameter(1, rows.stream().map(Failure::orgId).toArray(String[]::new))
                .setParameter(2, rows.stream().map(f -> f.portalId().toString()).toArray(String[]::new))
                .setParameter(3, rows.stream().map(f -> f.configId().toString()).toArray(String[]::new))
                .setParameter(4, rows.stream().map(Failure::recordId).toArray(String[]::new))
                .setParameter(5, rows.stream().map(Failure::reason).toArray(String[]::new))
                .setParameter(6, rows.stream().map(Failure::name).toArray(String[]::new))
                .setParameter(7, rows.stream().map(Failure::email).toArray(String[]::new))
                .setParameter(8, rows.stream().map(Failure::message).toArray(String[]::new))
                .setParameter(9, rows.stream().map(f -> attempts.get(f.key())).toArray(Integer[]::new))
                .setParameter(10, rows.stream().map(f -> first.get(f.key()).toString()).toArray(String[]::new))
                .setParameter(11, rows.stream().map(f -> f.at().toString()).toArray(String[]::new))
                .executeUpdate();
    }

    /** A portal's failures, newest first. */
    public Page<Row> of(String orgId, UUID portalId, Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" where f.org_id = :org and f.portal_id = :portal");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", orgId);
        params.put("portal", portalId);
        if (filter.configId() != null) {
            where.append(" and f.config_id = :config");
            params.put("config", filter.configId());
        }
        if (filter.reason() != null) {
            where.append(" and f.reason = :reason");
            params.put("reason", filter.reason());
        }
        if (filter.from() != null) {
            where.append(" and f.last_failed_at >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and f.last_failed_at < :to");
            params.put("to", filter.to());
        }
        Query count = em.createNativeQuery("select count(*) from auto_invite_failure f" + where);
        Query select = em.createNativeQuery("""
                select f.id, f.portal_id, f.config_id, c.name as config_name, f.record_id, f.name, f.email, f.reason,
                       f.message, f.attempts, f.first_failed_at, f.last_failed_at
                  from auto_invite_failure f left join auto_invite_config c on c.id = f.config_id""" + where
                + " order by f.last_failed_at desc, f.id limit :limit offset :offset");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        select.setParameter("limit", page.size).setParameter("offset", page.offset());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        List<Row> items = new ArrayList<>();
        for (Object[] r : rows) {
            items.add(new Row((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (String) r[6], (String) r[7], (String) r[8], ((Number) r[9]).intValue(), SqlValues.instant(r[10]),
                    SqlValues.instant(r[11])));
        }
        return new Page<>(items, page.page, page.size, ((Number) count.getSingleResult()).longValue());
    }
}
