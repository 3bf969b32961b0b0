package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A system (auto-invite, usually) asks portal-user-service to invite a record ({@value Topics#INVITE_REQUESTED}). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InviteRequested(
        UUID eventId,
        String type,
        String orgId,
        Instant occurredAt,
        String portalId,
        String userTypeId,
        String recordId,
        String language,
        InviteSource source,
        String configId) implements PorticoEvent {

    public static final String TYPE = "INVITE_REQUESTED";

    @Override
    public String topic() {
        return Topics.INVITE_REQUESTED;
    }

    @Override
    public String key() {
        return EventKeys.portalRecord(orgId, portalId, recordId);
    }
}
