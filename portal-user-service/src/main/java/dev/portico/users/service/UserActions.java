package dev.portico.users.service;

import dev.portico.events.InviteSource;
import dev.portico.events.UserEvent;
import dev.portico.users.domain.BulkJob;
import dev.portico.users.domain.CrmRecord;
import dev.portico.users.domain.JobItem;
import dev.portico.users.domain.JobRepository;
import dev.portico.users.domain.PortalUser;
import dev.portico.users.domain.PortalUserRepository;
import dev.portico.users.domain.RecordDirectory;
import dev.portico.users.domain.RetiredUserTypes;
import dev.portico.users.messaging.PortalUserEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The lifecycle actions of DESIGN §3 applied to a chunk of a bulk job's users. Each user either changes (and
 * its user event goes out) or keeps its state with the refusal code. A reinvite stays PENDING until
 * invitation-service reports the new mail SENT or FAILED.
 */
@ApplicationScoped
public class UserActions {

    @Inject
    PortalUserRepository users;

    @Inject
    RecordDirectory records;

    @Inject
    JobRepository jobs;

    @Inject
    PortalUserEvents events;

    @Inject
    RetiredUserTypes retired;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(BulkJob job, List<JobItem> items, Instant now) {
        // a type being deleted takes no one in; its lock comes before the users' (as in its retirement)
        boolean targetGone = job.action() == BulkJob.Action.CHANGE_TYPE && !retired.holdOpen(job.userTypeId());
        if (job.action() == BulkJob.Action.ACTIVATE) {
            users.lockSeats(job.portalId());
        }
        Map<UUID, PortalUser> byId = new HashMap<>();
        users.lockLive(job.orgId(), job.portalId(), items.stream().map(JobItem::userId).toList())
                .forEach(u -> byId.put(u.id(), u));
        Map<String, CrmRecord> recordsById = job.action() == BulkJob.Action.REINVITE
                ? records.find(job.orgId(), job.module(), byId.values().stream().map(PortalUser::recordId).toList())
                : Map.of();
        long seats = job.action() == BulkJob.Action.ACTIVATE && job.seatLimit() != null
                ? users.activeSeats(job.portalId()) : 0;

        List<JobItem> decided = new ArrayList<>(items.size());
        List<PortalUser> changed = new ArrayList<>();
        int succeeded = 0;
        int failed = 0;
        for (JobItem item : items) {
            PortalUser user = byId.get(item.userId());
            ActionRefusal refusal = null;
            PortalUser after = null;
            boolean pending = false;
            if (user == null || (user.invitedAt() == null && !user.confirmed())) {
                refusal = ActionRefusal.USER_NOT_FOUND;
            } else {
                switch (job.action()) {
                    case REINVITE -> {
                        CrmRecord record = recordsById.get(user.recordId());
                        if (user.status() != PortalUser.Status.UNCONFIRMED) {
                            refusal = ActionRefusal.NOT_ALLOWED_IN_STATE;
                        } else if (record == null) {
                            refusal = ActionRefusal.RECORD_NOT_FOUND;
                        } else {
                            after = user.change(u -> u.language = job.language() != null ? job.language() : user.language(),
                                    now);
                            events.dispatch(after, record, job.id(), InviteSource.BULK, null, job.language(), true, now);
                            pending = true;
                        }
                    }
                    case DEACTIVATE -> {
                        if (user.status() != PortalUser.Status.CONFIRMED) {
                            refusal = ActionRefusal.NOT_ALLOWED_IN_STATE;
                        } else {
                            after = user.change(u -> {
                                u.active = false;
                                u.deactivatedAt = now;
                            }, now);
                            events.user(UserEvent.Type.DEACTIVATED, after, null, now);
                        }
                    }
                    case ACTIVATE -> {
                        if (user.active()) {
                            refusal = ActionRefusal.ALREADY_ACTIVE;
                        } else if (job.seatLimit() != null && seats >= job.seatLimit()) {
                            refusal = ActionRefusal.USER_LIMIT_REACHED;
                        } else {
                            seats++;
                            after = user.change(u -> {
                                u.active = true;
                                u.deactivatedAt = null;
                            }, now);
                            events.user(UserEvent.Type.ACTIVATED, after, null, now);
                        }
                    }
                    case REMOVE -> {
                        after = user.change(u -> u.removedAt = now, now);
                        events.user(UserEvent.Type.REMOVED, after, null, now);
                    }
                    case CHANGE_TYPE -> {
                        if (targetGone) {
                            refusal = ActionRefusal.USER_TYPE_NOT_FOUND;
                        } else if (user.userTypeId().equals(job.userTypeId())) {
                            refusal = ActionRefusal.ALREADY_IN_TYPE;
                        } else {
                            after = user.change(u -> u.userTypeId = job.userTypeId(), now);
                            events.user(UserEvent.Type.TYPE_CHANGED, after, user.userTypeId(), now);
                        }
                    }
                    case INVITE -> throw new IllegalStateException("invites go through the membership gate");
                }
            }
            if (refusal != null) {
                failed++;
                decided.add(new JobItem(item.jobId(), item.itemNo(), item.recordId(), item.userId(), item.name(),
                        item.email(), JobItem.Outcome.FAILED, refusal.name(), refusal.message()));
            } else {
                changed.add(after);
                if (!pending) {
                    succeeded++;
                }
                decided.add(new JobItem(item.jobId(), item.itemNo(), item.recordId(), item.userId(), item.name(),
                        item.email(), pending ? JobItem.Outcome.PENDING : JobItem.Outcome.SUCCEEDED, null, null));
            }
        }
        users.updateAll(changed);
        jobs.gate(decided, now);
        if (succeeded + failed > 0) {
            jobs.count(job.id(), succeeded, failed, now);
        }
    }
}
