package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * What became of an invitation ({@value Topics#INVITATION_EVENTS}); {@code reason} and {@code message} are
 * set on FAILED. {@code name}, {@code email} and {@code language} are the record's as invited, so consumers
 * (the auto-invite failure log) need no lookup.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvitationEvent(
        UUID eventId,
        Type type,
        String orgId,
        Instant occurredAt,
        String portalId,
        String userTypeId,
        String recordId,
        String name,
        String invitationId,
        String userId,
        String jobId,
        InviteSource source,
        String configId,
        String email,
        String language,
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
