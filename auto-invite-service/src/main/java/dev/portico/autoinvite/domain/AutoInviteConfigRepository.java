package dev.portico.autoinvite.domain;

import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
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

    /** The enabled configurations of these orgs, in the order they are tried: oldest first. */
    public List<AutoInviteConfig> enabledOf(Collection<String> orgIds) {
        return list("enabled = true and orgId in ?1", Sort.ascending("createdAt").and("id"), orgIds);
    }
}
