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
     * The enabled configurations of these orgs, in the order they are tried (oldest first), for an org whose
     * configurations {@code EnabledConfigs} does not hold; without their JSON columns and unmanaged, so a batch
     * neither reads the conditions again nor has them dirty-checked at each flush.
     */
    public List<Head> enabledOf(Collection<String> orgIds) {
        // native and with an array parameter: an HQL "in (:list)" is translated anew for each list size
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        select cast(id as text), org_id, cast(portal_id as text), cast(user_type_id as text), module,
                               updated_at
                          from auto_invite_config where enabled and org_id = any(cast(?1 as text[]))
                         order by created_at, id""")
                .setParameter(1, orgIds.toArray(new String[0]))
                .getResultList();
        return rows.stream().map(r -> new Head(UUID.fromString((String) r[0]), (String) r[1],
                UUID.fromString((String) r[2]), UUID.fromString((String) r[3]), (String) r[4],
                SqlValues.instant(r[5]))).toList();
    }
}
