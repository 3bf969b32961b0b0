package dev.portico.users.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;

@ApplicationScoped
public class PortalUserRepository {

    @Inject
    EntityManager em;

    /** One scan of the portal's live users, counted per state. */
    public UserCounts counts(String orgId, UUID portalId) {
        Object[] row = (Object[]) em.createNativeQuery("""
                select count(*),
                       count(*) filter (where active),
                       count(*) filter (where active and confirmed),
                       count(*) filter (where active and not confirmed),
                       count(*) filter (where not active)
                from portal_user
                where org_id = ?1 and portal_id = ?2 and removed_at is null""")
                .setParameter(1, orgId)
                .setParameter(2, portalId)
                .getSingleResult();
        return new UserCounts(n(row[0]), n(row[1]), n(row[2]), n(row[3]), n(row[4]));
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    public record UserCounts(long all, long active, long confirmed, long unconfirmed, long deactivated) {
    }
}
