package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * portal-user-service reserved a membership; invitation-service checks eligibility and delivers
 * the mail ({@value Topics#INVITATION_DISPATCH}). {@code reinvite} marks a new token for an
 * existing unconfirmed user (the old one is revoked).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvitationDispatch(
        UUID eventId,
        String type,
        String orgId,
        Instant occurredAt,
        String portalId,
        String userTypeId,
        String userId,
        String jobId,
        InviteSource source,
        String configId,
        String language,
        boolean reinvite,
        RecordSnapshot record) implements PorticoEvent {

    public static final String TYPE = "INVITATION_DISPATCH";

    @Override
    public String topic() {
        return Topics.INVITATION_DISPATCH;
    }

    @Override
    public String key() {
        return EventKeys.portalRecord(orgId, portalId, record == null ? null : record.recordId());
    }
}
