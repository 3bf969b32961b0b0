package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** What became of an invitation ({@value Topics#INVITATION_EVENTS}); {@code reason} is set on FAILED. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvitationEvent(
        UUID eventId,
        Type type,
        String orgId,
        Instant occurredAt,
        String portalId,
        String recordId,
        String invitationId,
        String userId,
        String jobId,
        InviteSource source,
        String configId,
        String email,
        FailureReason reason,
        String message) implements PorticoEvent {

    public enum Type { SENT, FAILED, ACCEPTED, EXPIRED }

    @Override
    public String topic() {
        return Topics.INVITATION_EVENTS;
    }

    @Override
    public String key() {
        return EventKeys.portalRecord(orgId, portalId, recordId);
    }
}
