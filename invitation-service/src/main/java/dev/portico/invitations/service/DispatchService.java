package dev.portico.invitations.service;

import dev.portico.events.ConfigEvent;
import dev.portico.events.FailureReason;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.InvitationEvent;
import dev.portico.invitations.config.InvitationConfig;
import dev.portico.invitations.domain.Invitation;
import dev.portico.invitations.domain.InvitationRepository;
import dev.portico.invitations.messaging.InvitationEvents;
import dev.portico.kit.directory.ConfigDirectory;
import dev.portico.kit.messaging.PoisonMessageException;
import dev.portico.kit.messaging.ProcessedEvents;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import dev.portico.kit.messaging.RetryLater;

/**
 * Turns dispatch requests into invitations: one per dispatch, ever. An eligible record gets a PENDING
 * invitation that {@link MailDelivery} sends; an ineligible one a FAILED invitation and a FAILED event, and no
 * mail. A reinvite first revokes the user's open invitations.
 */
@ApplicationScoped
public class DispatchService {

    static final String CONSUMER = "invitation-dispatch";

    @Inject
    EntityManager em;

    @Inject
    ConfigDirectory directory;

    @Inject
    InvitationRepository invitations;

    @Inject
    InvitationEvents events;

    @Inject
    Revocations revocations;

    @Inject
    InvitationConfig config;

    @Inject
    Clock clock;

    /** The portal of a dispatch is not (yet) in the directory: retried, as config events lag a little. */
    public static class PortalNotYetKnown extends RetryLater {
        PortalNotYetKnown(String message) {
            super(message);
        }
    }

    /** Applies a batch in the caller's transaction; returns how many invitations now wait for delivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int apply(List<InvitationDispatch> dispatches) {
        Instant now = Instant.now(clock);
        Map<String, Optional<ConfigEvent.Org>> orgs = new HashMap<>();
        Map<String, Optional<ConfigEvent.Portal>> portals = new HashMap<>();
        int pending = 0;
        for (InvitationDispatch dispatch : dispatches) {
            validate(dispatch);
            UUID portalId = UUID.fromString(dispatch.portalId());
            Optional<ConfigEvent.Portal> portal = portals.computeIfAbsent(dispatch.orgId() + "/" + portalId,
                    k -> directory.portal(dispatch.orgId(), portalId));
            if (portal.isEmpty() && !deleted(dispatch.orgId(), portalId) && dispatch.occurredAt() != null
                    && now.isBefore(dispatch.occurredAt().plus(config.portalWait()))) {
                throw new PortalNotYetKnown("Portal " + portalId + " of org " + dispatch.orgId()
                        + " is not in the config directory yet");
            }
        }
        Set<UUID> first = firstDeliveries(dispatches);
        Map<String, Set<UUID>> confirmed = confirmedUsers(dispatches);
        for (InvitationDispatch dispatch : dispatches) {
            if (!first.remove(dispatch.eventId())) {
                continue; // a redelivery, or the same dispatch twice in one batch
            }
            UUID portalId = UUID.fromString(dispatch.portalId());
            Optional<ConfigEvent.Portal> portal = portals.get(dispatch.orgId() + "/" + portalId);
            ConfigEvent.Org org = orgs.computeIfAbsent(dispatch.orgId(), directory::org).orElse(null);
            Invitation invitation = invitation(dispatch, portalId, org, now);
            Optional<Eligibility.Failure> failure;
            if (invitation.userId != null && confirmed.getOrDefault(invitation.orgId, Set.of()).contains(invitation.userId)) {
                // a reinvite that raced the user's acceptance (portal-user had not seen it yet): no second mail
                failure = Optional.of(new Eligibility.Failure(FailureReason.ALREADY_CONFIRMED, "The user accepted an "
                        + "invitation to this portal before this reinvite arrived; no new invitation was sent."));
            } else {
                if (dispatch.reinvite() && invitation.userId != null) {
                    revocations.revokeOpen(invitation.orgId, invitation.userId, now);
                }
                failure = Eligibility.check(dispatch.record(), org, portal.orElse(null));
            }
            if (failure.isPresent()) {
                invitation.status = Invitation.Status.FAILED;
                invitation.failureReason = failure.get().reason().name();
                invitation.failureMessage = failure.get().message();
                invitation.failedAt = now;
                em.persist(invitation);
                events.publish(InvitationEvent.Type.FAILED, invitation, now);
            } else {
                invitation.status = Invitation.Status.PENDING;
                invitation.nextAttemptAt = now;
                em.persist(invitation);
                pending++;
            }
        }
        return pending;
    }

    /** Per org, the users of these reinvites who accepted an invitation already. */
    private Map<String, Set<UUID>> confirmedUsers(List<InvitationDispatch> dispatches) {
        Map<String, Set<UUID>> reinvited = new HashMap<>();
        for (InvitationDispatch dispatch : dispatches) {
            UUID userId = uuid(dispatch.userId());
            if (dispatch.reinvite() && userId != null) {
                reinvited.computeIfAbsent(dispatch.orgId(), k -> new HashSet<>()).add(userId);
            }
        }
        Map<String, Set<UUID>> confirmed = new HashMap<>();
        reinvited.forEach((orgId, users) -> confirmed.put(orgId, invitations.acceptedAmong(orgId, users)));
        return confirmed;
    }

    /**
     * The kit's {@link ProcessedEvents} dedupe for a whole batch in one statement (same table, same key): the ids
     * of the dispatches seen for the first time.
     */
    private Set<UUID> firstDeliveries(List<InvitationDispatch> dispatches) {
        UUID[] ids = dispatches.stream().map(InvitationDispatch::eventId).distinct().toArray(UUID[]::new);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Set<UUID> fresh = new HashSet<>();
            try (PreparedStatement insert = connection.prepareStatement("insert into processed_event (consumer, event_id) "
                    + "select ?, unnest(?) on conflict do nothing returning event_id")) {
                insert.setString(1, CONSUMER);
                insert.setArray(2, connection.createArrayOf("uuid", ids));
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        fresh.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return fresh;
        });
    }

    private Invitation invitation(InvitationDispatch dispatch, UUID portalId, ConfigEvent.Org org, Instant now) {
        Invitation i = new Invitation();
        i.id = UUID.randomUUID();
        i.dispatchId = dispatch.eventId();
        i.orgId = dispatch.orgId();
        i.portalId = portalId;
        i.userTypeId = dispatch.userTypeId();
        i.userId = uuid(dispatch.userId());
        i.jobId = uuid(dispatch.jobId());
        i.configId = uuid(dispatch.configId());
        i.source = dispatch.source().name();
        i.recordId = dispatch.record().recordId();
        i.name = dispatch.record().name();
        i.email = dispatch.record().email() == null ? null : dispatch.record().email().trim();
        i.language = Languages.resolve(dispatch.language(), dispatch.record().language(),
                org == null ? null : org.defaultLanguage());
        i.createdAt = now;
        return i;
    }

    private boolean deleted(String orgId, UUID portalId) {
        return !em.createNativeQuery("select 1 from config_snapshot where org_id = ?1 and kind = 'portal' "
                        + "and id = ?2 and deleted")
                .setParameter(1, orgId).setParameter(2, portalId.toString())
                .getResultList().isEmpty();
    }

    private static void validate(InvitationDispatch dispatch) {
        if (dispatch.portalId() == null || dispatch.source() == null || dispatch.record() == null
                || dispatch.record().recordId() == null) {
            throw new PoisonMessageException("dispatch " + dispatch.eventId() + " without portalId, source or record");
        }
    }

    private static UUID uuid(String value) {
        return value == null || value.isBlank() ? null : UUID.fromString(value);
    }
}
