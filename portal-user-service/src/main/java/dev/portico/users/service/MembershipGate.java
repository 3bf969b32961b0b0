package dev.portico.users.service;

import dev.portico.events.FailureReason;
import dev.portico.events.InviteSource;
import dev.portico.users.domain.CrmRecord;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The membership gate of DESIGN §2: for a batch of records it checks what this service owns (record known,
 * not yet a member, e-mail not in use, a free seat), reserves the seats and asks invitation-service to mail
 * the invitations — all in the caller's transaction, set-wise (a handful of statements per batch). Seat
 * decisions of one portal are serialised by a transaction-scoped lock, so concurrent invites never over-book.
 */
@ApplicationScoped
public class MembershipGate {

    @Inject
    PortalUserRepository users;

    @Inject
    RecordDirectory records;

    @Inject
    PortalUserEvents events;

    @Inject
    RetiredUserTypes retired;

    /** Where the records go and who asked. */
    public record Invite(String orgId, UUID portalId, String module, UUID userTypeId, Integer seatLimit,
            InviteSource source, String configId, String language, UUID jobId) {
    }

    /** The gate's answer for one record: a reserved user, or a refusal with its reason. */
    public record Decision(String recordId, CrmRecord record, PortalUser user, FailureReason reason, String message) {

        public boolean reserved() {
            return user != null;
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Decision> admit(Invite invite, List<String> recordIds, Instant now) {
        if (!retired.holdOpen(invite.userTypeId())) {
            return recordIds.stream().map(id -> refuse(id, null, FailureReason.USER_TYPE_NOT_FOUND,
                    "The user type was deleted; invite the record into another user type.")).toList();
        }
        users.lockSeats(invite.portalId());
        Map<String, CrmRecord> found = records.find(invite.orgId(), invite.module(), recordIds);
        Set<String> members = new HashSet<>(users.membersAmong(invite.portalId(), recordIds));
        Set<String> emails = new HashSet<>(users.emailsAmong(invite.portalId(), found.values().stream()
                .map(r -> PortalUserRepository.normalize(r.email())).filter(Objects::nonNull).toList()));
        long seats = invite.seatLimit() == null ? 0 : users.activeSeats(invite.portalId());

        List<Decision> decisions = new ArrayList<>(recordIds.size());
        List<PortalUser> reserved = new ArrayList<>();
        for (String recordId : recordIds) {
            CrmRecord record = found.get(recordId);
            String email = record == null ? null : PortalUserRepository.normalize(record.email());
            if (members.contains(recordId)) {
                decisions.add(refuse(recordId, record, FailureReason.ALREADY_PORTAL_USER,
                        FailureReason.ALREADY_PORTAL_USER.defaultMessage()));
            } else if (record == null) {
                decisions.add(refuse(recordId, null, FailureReason.RECORD_NOT_FOUND,
                        "No " + invite.module() + " record '" + recordId + "' is known; the CRM has not published it "
                                + "(or deleted it)."));
            } else if (email != null && emails.contains(email)) {
                decisions.add(refuse(recordId, record, FailureReason.EMAIL_IN_USE,
                        "Another record with " + record.email() + " is already a user of this portal."));
            } else if (invite.seatLimit() != null && seats >= invite.seatLimit()) {
                decisions.add(refuse(recordId, record, FailureReason.USER_LIMIT_REACHED,
                        "The portal has reached its limit of " + invite.seatLimit()
                                + " users; remove users or upgrade the edition."));
            } else {
                PortalUser user = new PortalUser(UUID.randomUUID(), invite.orgId(), invite.portalId(),
                        invite.userTypeId(), invite.module(), recordId, record.name(), record.email(),
                        invite.language() != null ? invite.language() : record.language(), true, false, null, null,
                        null, null, now, now, "PENDING");
                reserved.add(user);
                members.add(recordId);
                if (email != null) {
                    emails.add(email);
                }
                seats++;
                decisions.add(new Decision(recordId, record, user, null, null));
            }
        }
        users.insertAll(reserved);
        events.dispatchAll(decisions.stream().filter(Decision::reserved)
                .map(d -> PortalUserEvents.dispatchOf(d.user(), d.record(), invite.jobId(), invite.source(),
                        invite.configId(), invite.language(), false, now))
                .toList());
        return decisions;
    }

    private static Decision refuse(String recordId, CrmRecord record, FailureReason reason, String message) {
        return new Decision(recordId, record, null, reason, message);
    }
}
