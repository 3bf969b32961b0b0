package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A portal user's lifecycle changed ({@value Topics#USER_EVENTS}). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserEvent(
        UUID eventId,
        Type type,
        String orgId,
        Instant occurredAt,
        String portalId,
        String userId,
        String userTypeId,
        String previousUserTypeId,
        String module,
        String recordId,
        String email) implements PorticoEvent {

    public enum Type { CREATED, CONFIRMED, DEACTIVATED, ACTIVATED, TYPE_CHANGED, REMOVED }

    @Override
    public String topic() {
        return Topics.USER_EVENTS;
    }

    @Override
    public String key() {
        return EventKeys.portalUser(orgId, portalId, userId);
    }
}
