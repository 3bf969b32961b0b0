package dev.portico.autoinvite.domain;

import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    @Inject
    EntityManager em;

    /** Adds an attempt: a new row, or one more on the record's row for this configuration and reason. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String orgId, UUID portalId, UUID configId, String recordId, String reason, String name,
            String email, String message, Instant at) {
        em.createNativeQuery("""
                        insert into auto_invite_failure (id, org_id, portal_id, config_id, record_id, reason, name, email,
                                                         message, attempts, first_failed_at, last_failed_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?10)
                        on conflict (org_id, portal_id, record_id, config_id, reason) do update
                           set attempts = auto_invite_failure.attempts + 1,
                               name = coalesce(excluded.name, auto_invite_failure.name),
                               email = coalesce(excluded.email, auto_invite_failure.email),
                               message = excluded.message,
                               last_failed_at = greatest(auto_invite_failure.last_failed_at, excluded.last_failed_at)""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, orgId)
                .setParameter(3, portalId)
                .setParameter(4, configId)
                .setParameter(5, recordId)
                .setParameter(6, reason)
                .setParameter(7, name)
                .setParameter(8, email)
                .setParameter(9, message)
                .setParameter(10, at)
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
                    (String) r[6], (String) r[7], (String) r[8], ((Number) r[9]).intValue(), instant(r[10]),
                    instant(r[11])));
        }
        return new Page<>(items, page.page, page.size, ((Number) count.getSingleResult()).longValue());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
