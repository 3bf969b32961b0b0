package dev.portico.invitations.domain;

import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    /** The portal's invitation log, newest first; null filters are ignored. */
    public Page<Invitation> log(String orgId, UUID portalId, Invitation.Status status, String source, String recordId,
            PageRequest page) {
        StringBuilder query = new StringBuilder("orgId = :org and portalId = :portal");
        Parameters params = Parameters.with("org", orgId).and("portal", portalId);
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (source != null) {
            query.append(" and source = :source");
            params.and("source", source);
        }
        if (recordId != null) {
            query.append(" and recordId = :record");
            params.and("record", recordId);
        }
        var found = find(query.toString(), Sort.descending("createdAt").and("id"), params);
        return new Page<>(found.page(page.page, page.size).list(), page.page, page.size, found.count());
    }
}
