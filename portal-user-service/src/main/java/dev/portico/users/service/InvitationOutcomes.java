package dev.portico.users.service;

import dev.portico.events.FailureReason;
import dev.portico.events.InvitationEvent;
import dev.portico.events.UserEvent;
import dev.portico.users.domain.JobItem;
import dev.portico.users.domain.JobRepository;
import dev.portico.users.domain.PortalUser;
import dev.portico.users.domain.PortalUserRepository;
import dev.portico.users.messaging.PortalUserEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What invitation-service reports, applied to users and jobs: SENT makes the reserved user UNCONFIRMED (and
 * listed), FAILED releases a seat that never became a user (not when the invitation was revoked: what revoked it
 * decides), ACCEPTED confirms, EXPIRED is recorded. Each change
 * is a state transition that happens once, and job items settle only from PENDING, so a redelivered event
 * changes nothing and is never counted twice.
 */
@ApplicationScoped
public class InvitationOutcomes {

    @Inject
    PortalUserRepository users;

    @Inject
    JobRepository jobs;

    @Inject
    PortalUserEvents events;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<InvitationEvent> batch) {
        Instant now = Instant.now(clock);
        List<UUID> userIds = batch.stream().map(e -> uuid(e.userId())).filter(Objects::nonNull).distinct().toList();
        if (userIds.isEmpty()) {
            return;
        }
        Map<UUID, PortalUser> current = new LinkedHashMap<>();
        users.lockById(userIds).forEach(u -> current.put(u.id(), u));
        Set<UUID> changed = new HashSet<>();
        Set<UUID> released = new HashSet<>();
        List<JobRepository.Settlement> settlements = new ArrayList<>();
        for (InvitationEvent event : batch) {
            UUID userId = uuid(event.userId());
            UUID jobId = uuid(event.jobId());
            PortalUser user = userId == null ? null : current.get(userId);
            if (jobId != null && userId != null && (event.type() == InvitationEvent.Type.SENT
                    || event.type() == InvitationEvent.Type.FAILED)) {
                // the item settles whatever became of the user since (removed meanwhile, say)
                boolean sent = event.type() == InvitationEvent.Type.SENT;
                settlements.add(new JobRepository.Settlement(jobId, userId,
                        sent ? JobItem.Outcome.SUCCEEDED : JobItem.Outcome.FAILED,
                        sent || event.reason() == null ? null : event.reason().name(), sent ? null : event.message()));
            }
            if (user == null || event.type() == null || !user.orgId().equals(event.orgId())) {
                continue;
            }
            Instant at = event.occurredAt() == null ? now : event.occurredAt();
            switch (event.type()) {
                case SENT -> {
                    boolean first = user.invitedAt() == null;
                    PortalUser after = user.change(u -> {
                        u.invitedAt = first ? at : u.invitedAt;
                        u.lastInvitationStatus = "SENT";
                        // the e-mail stays the record's: an invitation sent to an address the CRM has changed since
                        // must not bring the old one back
                    }, now);
                    if (first) {
                        events.user(UserEvent.Type.CREATED, after, null, now);
                    }
                    current.put(userId, after);
                    changed.add(userId);
                }
                case FAILED -> {
                    if (event.reason() == FailureReason.INVITATION_REVOKED
                            || event.reason() == FailureReason.ALREADY_CONFIRMED) {
                        // replaced by a newer invitation, the user was removed or deactivated, or a reinvite came
                        // after the user accepted: that decides
                        continue;
                    }
                    if (user.invitedAt() == null && !user.confirmed()) {
                        released.add(userId);
                        current.remove(userId);
                        changed.remove(userId);
                    } else {
                        current.put(userId, user.change(u -> u.lastInvitationStatus = "FAILED", now));
                        changed.add(userId);
                    }
                }
                case ACCEPTED -> {
                    if (user.active() && !user.confirmed()) {
                        PortalUser after = user.change(u -> {
                            u.confirmed = true;
                            u.confirmedAt = at;
                            u.invitedAt = u.invitedAt == null ? at : u.invitedAt;
                            u.lastInvitationStatus = "ACCEPTED";
                        }, now);
                        events.user(UserEvent.Type.CONFIRMED, after, null, now);
                        current.put(userId, after);
                        changed.add(userId);
                    }
                }
                case EXPIRED -> {
                    if (!user.confirmed()) {
                        current.put(userId, user.change(u -> u.lastInvitationStatus = "EXPIRED", now));
                        changed.add(userId);
                    }
                }
            }
        }
        users.updateAll(changed.stream().map(current::get).toList());
        users.deleteAll(released);
        jobs.settle(settlements, now).forEach((job, c) -> jobs.count(job, c[0], c[1], now));
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
