package dev.portico.invitations.domain;

import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    /** The filters of the invitation log; null ones are ignored. */
    public record LogFilter(Invitation.Status status, String source, String recordId, Instant from, Instant to) {
    }

    /** The portal's invitation log, newest first. */
    public Page<Invitation> log(String orgId, UUID portalId, LogFilter filter, PageRequest page) {
        StringBuilder query = new StringBuilder("orgId = :org and portalId = :portal");
        Parameters params = Parameters.with("org", orgId).and("portal", portalId);
        if (filter.status() != null) {
            query.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.source() != null) {
            query.append(" and source = :source");
            params.and("source", filter.source());
        }
        if (filter.recordId() != null) {
            query.append(" and recordId = :record");
            params.and("record", filter.recordId());
        }
        if (filter.from() != null) {
            query.append(" and createdAt >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            query.append(" and createdAt < :to");
            params.and("to", filter.to());
        }
        var found = find(query.toString(), Sort.descending("createdAt").and("id"), params);
        return new Page<>(found.page(page.page, page.size).list(), page.page, page.size, found.count());
    }

    /** A user's pending and sent invitations, locked for the caller's transaction. */
    public List<Invitation> openOf(String orgId, UUID userId) {
        return find("orgId = ?1 and userId = ?2 and status in (?3, ?4) order by id", orgId, userId,
                Invitation.Status.PENDING, Invitation.Status.SENT).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The user's invitations accepted after {@code after} that were created before it, locked. */
    public List<Invitation> acceptedAfter(String orgId, UUID userId, Instant after) {
        return find("orgId = ?1 and userId = ?2 and status = ?3 and acceptedAt > ?4 and createdAt < ?4 order by id",
                orgId, userId, Invitation.Status.ACCEPTED, after).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Which of these users (of this org) have accepted an invitation. */
    @SuppressWarnings("unchecked")
    public Set<UUID> acceptedAmong(String orgId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(getEntityManager().createNativeQuery("select user_id from invitation "
                        + "where user_id = any(cast(?1 as uuid[])) and status = 'ACCEPTED' and org_id = ?2", UUID.class)
                .setParameter(1, userIds.stream().map(UUID::toString).toArray(String[]::new))
                .setParameter(2, orgId).getResultList());
    }

    /** Whether the user of this invitation (not yet accepted itself) accepted another one. */
    public boolean acceptedOther(Invitation i) {
        return !acceptedAmong(i.orgId, Set.of(i.userId)).isEmpty();
    }

    /** The invitation a token hash belongs to, locked for the caller's transaction. */
    public Optional<Invitation> byTokenHashForUpdate(byte[] hash) {
        return find("tokenHash", (Object) hash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * Claims up to {@code limit} due pending invitations for delivery (skipping rows other senders hold) and
     * records the attempt: they stay claimed for {@code lease}.
     */
    @SuppressWarnings("unchecked")
    public List<Invitation> claimDue(Instant now, Instant leaseExpiredBefore, int limit) {
        return getEntityManager().createNativeQuery("""
                select * from invitation
                 where status = 'PENDING' and next_attempt_at <= ?1
                   and (sending_since is null or sending_since < ?2)
                 order by next_attempt_at
                 limit ?3
                 for update skip locked""", Invitation.class)
                .setParameter(1, now).setParameter(2, leaseExpiredBefore).setParameter(3, limit)
                .getResultList();
    }

    /** A delivery attempt starting: its number, its token's hash, when its link expires and the portal's URL. */
    public record Attempt(UUID id, int attempt, byte[] tokenHash, Instant expiresAt, String portalUrl) {
    }

    /**
     * Records the attempts of claimed invitations (rows the caller's transaction holds), all in one statement:
     * they are sending since {@code now}, with a fresh token. One statement instead of one update per row.
     */
    public void startAttempts(List<Attempt> attempts, Instant now) {
        if (attempts.isEmpty()) {
            return;
        }
        HexFormat hex = HexFormat.of();
        getEntityManager().createNativeQuery("""
                update invitation set attempts = s.attempt, token_hash = decode(s.hash, 'hex'), expires_at = s.expires,
                       portal_url = s.url, sending_since = ?1
                  from unnest(cast(?2 as uuid[]), cast(?3 as int[]), cast(?4 as text[]), cast(?5 as timestamptz[]),
                              cast(?6 as text[])) as s(id, attempt, hash, expires, url)
                 where invitation.id = s.id""")
                .setParameter(1, now)
                .setParameter(2, attempts.stream().map(a -> a.id().toString()).toArray(String[]::new))
                .setParameter(3, attempts.stream().map(a -> Integer.toString(a.attempt())).toArray(String[]::new))
                .setParameter(4, attempts.stream().map(a -> hex.formatHex(a.tokenHash())).toArray(String[]::new))
                .setParameter(5, attempts.stream().map(a -> a.expiresAt().toString()).toArray(String[]::new))
                .setParameter(6, attempts.stream().map(Attempt::portalUrl).toArray(String[]::new))
                .executeUpdate();
    }

    /**
     * Pending invitations (rows the caller's transaction holds) whose mail was accepted, with when: SENT, in one
     * statement.
     */
    public void markSent(Map<UUID, Instant> sentAt) {
        getEntityManager().createNativeQuery("""
                update invitation set status = 'SENT', sent_at = s.at, sending_since = null, last_error = null
                  from unnest(cast(?1 as uuid[]), cast(?2 as timestamptz[])) as s(id, at)
                 where invitation.id = s.id""")
                .setParameter(1, sentAt.keySet().stream().map(UUID::toString).toArray(String[]::new))
                .setParameter(2, sentAt.values().stream().map(Instant::toString).toArray(String[]::new))
                .executeUpdate();
    }

    /** Sent invitations past their expiry, locked (skipping rows others hold). */
    @SuppressWarnings("unchecked")
    public List<Invitation> dueForExpiry(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                select * from invitation
                 where status = 'SENT' and expires_at <= ?1
                 order by expires_at
                 limit ?2
                 for update skip locked""", Invitation.class)
                .setParameter(1, now).setParameter(2, limit)
                .getResultList();
    }

    /**
     * These invitations, locked, in id order (so concurrent lockers queue instead of deadlocking). Native, with an
     * array parameter: an HQL {@code in (:ids)} is translated anew for every batch size.
     */
    @SuppressWarnings("unchecked")
    public List<Invitation> lockAll(Collection<UUID> ids) {
        return getEntityManager().createNativeQuery(
                        "select * from invitation where id = any(cast(?1 as uuid[])) order by id for update", Invitation.class)
                .setParameter(1, ids.stream().map(UUID::toString).toArray(String[]::new))
                .getResultList();
    }
}
