package dev.portico.config.domain;

import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PortalRepository implements PanacheRepositoryBase<Portal, UUID> {

    /** The org's portal, or empty, also when it belongs to another org (which callers answer with 404). */
    public Optional<Portal> ofOrg(String orgId, UUID id) {
        return find("id = :id and orgId = :org", Parameters.with("id", id).and("org", orgId)).firstResultOptional();
    }

    public Optional<Portal> lockOfOrg(String orgId, UUID id) {
        return find("id = :id and orgId = :org", Parameters.with("id", id).and("org", orgId))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** All the org's portals locked for this transaction, in id order (so two lockers never deadlock). */
    public List<Portal> lockAllOfOrg(String orgId) {
        return find("orgId", Sort.ascending("id"), orgId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Page<Portal> page(String orgId, PageRequest page) {
        var query = find("orgId", Sort.ascending("createdAt").and("id"), orgId);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    public List<Portal> allOfOrg(String orgId) {
        return list("orgId", Sort.ascending("createdAt").and("id"), orgId);
    }

    public long countOfOrg(String orgId) {
        return count("orgId", orgId);
    }

    public boolean hasSystemPortal(String orgId) {
        return count("orgId = ?1 and system = true", orgId) > 0;
    }
}
