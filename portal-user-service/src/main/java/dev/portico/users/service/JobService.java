package dev.portico.users.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.portico.events.ConfigEvent;
import dev.portico.events.FailureReason;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import dev.portico.users.domain.BulkJob;
import dev.portico.users.domain.JobItem;
import dev.portico.users.domain.JobRepository;
import dev.portico.users.domain.PortalUser;
import dev.portico.users.domain.PortalUserRepository;
import dev.portico.users.domain.Sql;
import dev.portico.users.domain.UserFilter;
import dev.portico.users.settings.UsersConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts bulk jobs (invites and user actions) and answers their progress. Starting a job writes the job and
 * its items in one transaction and returns at once; {@link JobRunner} does the work after the commit, in
 * chunks, and picks a job up again if its runner died.
 */
@ApplicationScoped
public class JobService {

    /** A bulk action by filter touches at most this many users per job. */
    public static final int MAX_USERS_PER_JOB = 100_000;

    @Inject
    JobRepository jobs;

    @Inject
    PortalUserRepository users;

    @Inject
    Portals portals;

    @Inject
    JobRunner runner;

    @Inject
    UsersConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    /** A job, and whether it was started by this call (false: the Idempotency-Key answered an earlier one). */
    public record Started(BulkJob job, boolean created) {
    }

    public record InviteCommand(UUID userTypeId, List<String> recordIds, String language) {
    }

    public record ActionCommand(BulkJob.Action action, List<UUID> userIds, UserFilter filter, UUID targetUserTypeId,
            String language) {
    }

    @Transactional
    public Started invite(String orgId, String subject, UUID portalId, InviteCommand command, String idempotencyKey) {
        ConfigEvent.Portal portal = portals.require(orgId, portalId);
        Optional<BulkJob> replay = replay(orgId, idempotencyKey, hash(portalId, command));
        if (replay.isPresent()) {
            return new Started(replay.get(), false);
        }
        if (portals.userType(orgId, portalId, command.userTypeId()).isEmpty()) {
            throw ProblemException.invalid(UserProblems.USER_TYPE_NOT_FOUND, "userTypeId",
                    "is not a user type of this portal");
        }
        Instant now = Instant.now(clock);
        UUID jobId = UUID.randomUUID();
        boolean available = Portals.available(portal);
        List<JobItem> items = new ArrayList<>(command.recordIds().size());
        int n = 0;
        for (String recordId : command.recordIds()) {
            JobItem item = new JobItem(jobId, n++, recordId, null, null, null, JobItem.Outcome.PENDING, null, null);
            items.add(available ? item : item.failed(FailureReason.PORTAL_UNAVAILABLE.name(),
                    "The portal is disabled, deleted or its trial is over; enable it (or upgrade) and invite again."));
        }
        int failed = available ? 0 : items.size();
        BulkJob job = new BulkJob(jobId, orgId, portalId, BulkJob.Action.INVITE,
                available ? BulkJob.Status.RUNNING : BulkJob.Status.COMPLETED, portal.module(),
                portals.seatLimit(orgId), command.userTypeId(), command.language(), items.size(), 0, failed, !available,
                idempotencyKey, hash(portalId, command), subject, now, available ? null : now);
        jobs.insert(job, items, now);
        if (available) {
            runner.runAfterCommit(jobId);
        }
        return new Started(job, true);
    }

    @Transactional
    public Started act(String orgId, String subject, UUID portalId, ActionCommand command, String idempotencyKey) {
        ConfigEvent.Portal portal = portals.require(orgId, portalId);
        Optional<BulkJob> replay = replay(orgId, idempotencyKey, hash(portalId, command));
        if (replay.isPresent()) {
            return new Started(replay.get(), false);
        }
        if (command.action() == BulkJob.Action.CHANGE_TYPE
                && portals.userType(orgId, portalId, command.targetUserTypeId()).isEmpty()) {
            throw ProblemException.invalid(UserProblems.USER_TYPE_NOT_FOUND, "targetUserTypeId",
                    "is not a user type of this portal");
        }
        Instant now = Instant.now(clock);
        UUID jobId = UUID.randomUUID();
        List<JobItem> items = new ArrayList<>();
        if (command.userIds() != null) {
            List<PortalUser> found = users.lockLive(orgId, portalId, command.userIds());
            var byId = new java.util.HashMap<UUID, PortalUser>();
            found.forEach(u -> byId.put(u.id(), u));
            for (UUID userId : command.userIds()) {
                PortalUser user = byId.get(userId);
                JobItem item = new JobItem(jobId, items.size(), user == null ? null : user.recordId(), userId,
                        user == null ? null : user.name(), user == null ? null : user.email(), JobItem.Outcome.PENDING,
                        null, null);
                items.add(user == null ? item.failed(ActionRefusal.USER_NOT_FOUND.name(),
                        ActionRefusal.USER_NOT_FOUND.message()) : item);
            }
        } else {
            List<PortalUser> matching = users.matching(orgId, portalId, command.filter(), MAX_USERS_PER_JOB + 1);
            if (matching.size() > MAX_USERS_PER_JOB) {
                throw ProblemException.invalid(UserProblems.TOO_MANY_USERS, "filter",
                        "matches more than " + MAX_USERS_PER_JOB + " users; narrow it down");
            }
            for (PortalUser user : matching) {
                items.add(new JobItem(jobId, items.size(), user.recordId(), user.id(), user.name(), user.email(),
                        JobItem.Outcome.PENDING, null, null));
            }
        }
        int failed = (int) items.stream().filter(i -> i.outcome() == JobItem.Outcome.FAILED).count();
        boolean done = failed == items.size();
        BulkJob job = new BulkJob(jobId, orgId, portalId, command.action(),
                done ? BulkJob.Status.COMPLETED : BulkJob.Status.RUNNING, portal.module(), portals.seatLimit(orgId),
                command.targetUserTypeId(), command.language(), items.size(), 0, failed, done, idempotencyKey,
                hash(portalId, command), subject, now, done ? now : null);
        jobs.insert(job, items, now);
        if (!done) {
            runner.runAfterCommit(jobId);
        }
        return new Started(job, true);
    }

    @Transactional
    public BulkJob get(String orgId, UUID jobId) {
        return jobs.find(orgId, jobId).orElseThrow(UserProblems::jobNotFound);
    }

    @Transactional
    public Page<JobItem> items(String orgId, UUID jobId, JobItem.Outcome outcome, PageRequest page) {
        get(orgId, jobId);
        return jobs.items(jobId, outcome, page);
    }

    @Transactional
    public Page<BulkJob> ofPortal(String orgId, UUID portalId, PageRequest page) {
        portals.require(orgId, portalId);
        return jobs.page(orgId, portalId, page);
    }

    /**
     * The job an Idempotency-Key started within the window: the same request answers it again, another
     * request with the key is refused. Concurrent requests with one key are serialised by a lock on the key.
     */
    private Optional<BulkJob> replay(String orgId, String key, String hash) {
        if (key == null) {
            return Optional.empty();
        }
        sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                ps.setInt(1, 0x49444b59); // "IDKY"
                ps.setString(2, orgId + "/" + key);
                ps.execute();
            }
            return null;
        });
        Optional<BulkJob> earlier = jobs.byIdempotencyKey(orgId, key);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (earlier.get().createdAt().plus(config.idempotencyWindow()).isBefore(Instant.now(clock))) {
            jobs.forgetIdempotencyKey(earlier.get().id());
            return Optional.empty();
        }
        if (!earlier.get().requestHash().equals(hash)) {
            throw ProblemException.invalid(UserProblems.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key",
                    "was used within the last " + config.idempotencyWindow().toHours()
                            + " h for a different request; use a new key");
        }
        return earlier;
    }

    private String hash(UUID portalId, Object command) {
        try {
            byte[] body = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsBytes(List.of(portalId.toString(), command.getClass().getSimpleName(), command));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
