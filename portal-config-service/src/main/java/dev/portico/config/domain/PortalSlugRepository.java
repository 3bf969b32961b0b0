package dev.portico.config.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class PortalSlugRepository implements PanacheRepositoryBase<PortalSlug, String> {

    /** Old slugs of each portal, oldest first. */
    public Map<UUID, List<String>> aliasesOf(Collection<UUID> portalIds) {
        if (portalIds.isEmpty()) {
            return Map.of();
        }
        return list("portalId in ?1 and current = false", Sort.ascending("createdAt").and("slug"), portalIds).stream()
                .collect(Collectors.groupingBy(s -> s.portalId,
                        Collectors.mapping(s -> s.slug, Collectors.toList())));
    }
}
