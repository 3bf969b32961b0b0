package dev.portico.invitations.messaging;

import dev.portico.events.FailureReason;
import dev.portico.events.InvitationEvent;
import dev.portico.events.InviteSource;
import dev.portico.invitations.domain.Invitation;
import dev.portico.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/** Publishes {@code portal.invitation-events} through the outbox, in the caller's transaction. */
@ApplicationScoped
public class InvitationEvents {

    @Inject
    Outbox outbox;

    public void publish(InvitationEvent.Type type, Invitation i, Instant now) {
        FailureReason reason = i.failureReason == null ? null : FailureReason.valueOf(i.failureReason);
        outbox.publish(new InvitationEvent(UUID.randomUUID(), type, i.orgId, now, i.portalId.toString(), i.userTypeId,
                i.recordId, i.name, i.id.toString(), text(i.userId), text(i.jobId), InviteSource.valueOf(i.source),
                text(i.configId), i.email, i.language, type == InvitationEvent.Type.FAILED ? reason : null,
                type == InvitationEvent.Type.FAILED ? i.failureMessage : null));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
