package dev.portico.config.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class OrgRepository implements PanacheRepositoryBase<Org, String> {

    /** The org row locked for this transaction: serialises portal creation and edition changes per org. */
    public Optional<Org> lock(String orgId) {
        return findByIdOptional(orgId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Ids of orgs whose trial has run out but was not processed yet; skips rows another replica works on. */
    @SuppressWarnings("unchecked")
    public List<String> trialsDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                select id from org
                where trial_ended_at is null and trial_ends_at is not null and trial_ends_at <= ?1
                order by trial_ends_at limit ?2 for update skip locked""")
                .setParameter(1, now).setParameter(2, limit).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<String> deletionsDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                select id from org
                where portal_deletion_scheduled_at is not null and portal_deletion_scheduled_at <= ?1
                order by portal_deletion_scheduled_at limit ?2 for update skip locked""")
                .setParameter(1, now).setParameter(2, limit).getResultList();
    }
}
