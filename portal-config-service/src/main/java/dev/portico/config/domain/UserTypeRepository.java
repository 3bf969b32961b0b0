package dev.portico.config.domain;

import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserTypeRepository implements PanacheRepositoryBase<UserType, UUID> {

    public Optional<UserType> ofPortal(String orgId, UUID portalId, UUID id) {
        return find("id = :id and portalId = :portal and orgId = :org",
                Parameters.with("id", id).and("portal", portalId).and("org", orgId)).firstResultOptional();
    }

    public Page<UserType> page(String orgId, UUID portalId, PageRequest page) {
        var query = find("orgId = :org and portalId = :portal", Sort.ascending("createdAt").and("id"),
                Parameters.with("org", orgId).and("portal", portalId));
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    public List<UserType> allOfOrg(String orgId) {
        return list("orgId", orgId);
    }

    public long countOfPortal(UUID portalId) {
        return count("portalId", portalId);
    }

    public boolean nameTaken(UUID portalId, String name, UUID except) {
        return count("portalId = ?1 and lower(name) = lower(?2) and id <> ?3", portalId, name,
                except == null ? new UUID(0, 0) : except) > 0;
    }

    /** Adds to the user count of a type of {@code orgId} (never below zero); a type of another org is left alone. */
    public void addUsers(String orgId, UUID userTypeId, long delta) {
        getEntityManager().createNativeQuery(
                        "update user_type set user_count = greatest(0, user_count + ?1) where id = ?2 and org_id = ?3")
                .setParameter(1, delta).setParameter(2, userTypeId).setParameter(3, orgId).executeUpdate();
    }
}
