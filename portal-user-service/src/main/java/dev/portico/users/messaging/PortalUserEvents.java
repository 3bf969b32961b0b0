package dev.portico.users.messaging;

import dev.portico.events.FailureReason;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.InvitationEvent;
import dev.portico.events.InviteSource;
import dev.portico.events.UserEvent;
import dev.portico.kit.outbox.Outbox;
import dev.portico.users.domain.CrmRecord;
import dev.portico.users.domain.PortalUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Everything portal-user-service publishes, through the outbox, in the caller's transaction. */
@ApplicationScoped
public class PortalUserEvents {

    @Inject
    Outbox outbox;

    public void user(UserEvent.Type type, PortalUser user, UUID previousUserTypeId, Instant now) {
        outbox.publish(new UserEvent(UUID.randomUUID(), type, user.orgId(), now, user.portalId().toString(),
                user.id().toString(), user.userTypeId().toString(),
                previousUserTypeId == null ? null : previousUserTypeId.toString(), user.module(), user.recordId(),
                user.email()));
    }

    /** Asks invitation-service to check and mail an invitation for a reserved (or re-invited) user. */
    public void dispatch(PortalUser user, CrmRecord record, UUID jobId, InviteSource source, String configId,
            String language, boolean reinvite, Instant now) {
        outbox.publish(dispatchOf(user, record, jobId, source, configId, language, reinvite, now));
    }

    /** Many dispatches in one batched write (a bulk invite's chunk). */
    public void dispatchAll(List<InvitationDispatch> dispatches) {
        outbox.publishAll(dispatches);
    }

    public static InvitationDispatch dispatchOf(PortalUser user, CrmRecord record, UUID jobId, InviteSource source,
            String configId, String language, boolean reinvite, Instant now) {
        return new InvitationDispatch(UUID.randomUUID(), InvitationDispatch.TYPE, user.orgId(), now,
                user.portalId().toString(), user.userTypeId().toString(), user.id().toString(),
                jobId == null ? null : jobId.toString(), source, configId, language, reinvite, record.snapshot());
    }

    /** The membership gate refused a request that came as an event: the requester learns why, like any failure. */
    public void gateRefused(String orgId, UUID portalId, UUID userTypeId, String recordId, String name, String email,
            InviteSource source, String configId, String language, FailureReason reason, String message, Instant now) {
        outbox.publish(new InvitationEvent(UUID.randomUUID(), InvitationEvent.Type.FAILED, orgId, now,
                portalId.toString(), userTypeId == null ? null : userTypeId.toString(), recordId, name, null, null,
                null, source, configId, email, language, reason, message));
    }
}
