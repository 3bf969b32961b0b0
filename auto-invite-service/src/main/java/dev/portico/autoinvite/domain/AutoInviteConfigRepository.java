package dev.portico.autoinvite.domain;

import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AutoInviteConfigRepository implements PanacheRepositoryBase<AutoInviteConfig, UUID> {

    public Page<AutoInviteConfig> ofPortal(String orgId, UUID portalId, PageRequest page) {
        var found = find("orgId = :org and portalId = :portal", Sort.ascending("createdAt").and("id"),
                Parameters.with("org", orgId).and("portal", portalId));
        return new Page<>(found.page(page.page, page.size).list(), page.page, page.size, found.count());
    }

    /** What evaluation needs of a configuration besides its compiled conditions (which are cached by updatedAt). */
    public record Head(UUID id, String orgId, UUID portalId, UUID userTypeId, String module, Instant updatedAt) {
    }

    /**
     * The enabled configurations of these orgs, in the order they are tried (oldest first), read per batch so that
     * an edit on any replica applies from the next event; without their JSON columns and unmanaged, so a batch
     * neither reads the conditions again nor has them dirty-checked at each flush.
     */
    public List<Head> enabledOf(Collection<String> orgIds) {
        return getEntityManager().createQuery("select c.id, c.orgId, c.portalId, c.userTypeId, c.module, c.updatedAt "
                        + "from AutoInviteConfig c where c.enabled = true and c.orgId in :orgs order by c.createdAt, c.id",
                        Object[].class)
                .setParameter("orgs", orgIds)
                .getResultList().stream()
                .map(r -> new Head((UUID) r[0], (String) r[1], (UUID) r[2], (UUID) r[3], (String) r[4], (Instant) r[5]))
                .toList();
    }
}
