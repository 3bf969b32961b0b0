package dev.portico.config.service;

import dev.portico.config.domain.OrgRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Serialises an org's module changes against the user types that rely on module metadata, for the rest of
 * the transaction: a module change takes it exclusively, a user type write shared. Without it a field could
 * be removed while a user type that starts using it is being saved (each check passing on its own).
 * A PostgreSQL advisory lock, because standard modules have no row to lock.
 */
@ApplicationScoped
public class MetadataLock {

    @Inject
    OrgRepository orgs;

    void exclusive(String orgId) {
        orgs.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, key(orgId)).getSingleResult();
    }

    void shared(String orgId) {
        orgs.getEntityManager().createNativeQuery("select pg_advisory_xact_lock_shared(hashtextextended(?1, 0))")
                .setParameter(1, key(orgId)).getSingleResult();
    }

    private static String key(String orgId) {
        return "portico.config.modules:" + orgId;
    }
}
