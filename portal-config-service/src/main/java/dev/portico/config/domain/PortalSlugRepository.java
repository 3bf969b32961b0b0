package dev.portico.config.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The slugs portals answer to. Writes are single statements ({@code insert … on conflict do nothing},
 * conditional updates) so a slug another transaction took is an answer, not an exception that spoils the
 * transaction. Callers hold the portal's row lock.
 */
@ApplicationScoped
public class PortalSlugRepository implements PanacheRepositoryBase<PortalSlug, String> {

    /** Old slugs of each portal, oldest first. */
    public Map<UUID, List<String>> aliasesOf(Collection<UUID> portalIds) {
        if (portalIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = getEntityManager().createQuery("""
                        select s.portalId, s.slug from PortalSlug s where s.portalId in ?1 and s.current = false
                        order by s.aliasSeq nulls first, s.createdAt, s.slug""", Object[].class)
                .setParameter(1, portalIds).getResultList();
        Map<UUID, List<String>> aliases = new LinkedHashMap<>();
        for (Object[] row : rows) {
            aliases.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add((String) row[1]);
        }
        return aliases;
    }

    /** The portal that owns the slug (current or alias), if any. */
    public Optional<UUID> ownerOf(String slug) {
        return getEntityManager().createQuery("select s.portalId from PortalSlug s where s.slug = ?1", UUID.class)
                .setParameter(1, slug).getResultStream().findFirst();
    }

    /** Makes the slug the portal's current one if nobody holds it; false when it is taken (also by a racing claim). */
    public boolean claim(String slug, UUID portalId, Instant now) {
        return getEntityManager().createNativeQuery("""
                        insert into portal_slug (slug, portal_id, current, created_at) values (?1, ?2, true, ?3)
                        on conflict (slug) do nothing""")
                .setParameter(1, slug).setParameter(2, portalId).setParameter(3, now).executeUpdate() == 1;
    }

    /** The portal's current slug becomes its newest alias. */
    public void demote(String slug, UUID portalId) {
        getEntityManager().createNativeQuery("""
                        update portal_slug set current = false, alias_seq = nextval('portal_slug_alias_seq')
                        where slug = ?1 and portal_id = ?2 and current""")
                .setParameter(1, slug).setParameter(2, portalId).executeUpdate();
    }

    /** One of the portal's own aliases becomes current again. */
    public void promote(String slug, UUID portalId) {
        getEntityManager().createNativeQuery(
                        "update portal_slug set current = true, alias_seq = null where slug = ?1 and portal_id = ?2")
                .setParameter(1, slug).setParameter(2, portalId).executeUpdate();
    }

    /** Releases the portal's oldest aliases beyond {@code keep} (others may take them); returns how many. */
    public int releaseOldAliases(UUID portalId, int keep) {
        return getEntityManager().createNativeQuery("""
                        delete from portal_slug where slug in (
                            select slug from portal_slug where portal_id = ?1 and not current
                            order by alias_seq desc nulls last, created_at desc, slug desc offset ?2)""")
                .setParameter(1, portalId).setParameter(2, keep).executeUpdate();
    }
}
