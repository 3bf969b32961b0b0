package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A CRM record was created, updated or deleted ({@value Topics#CRM_RECORD_CHANGED}). Field values
 * are plain JSON; a lookup is {@code {"id": "…"}}, a multi-lookup {@code [{"id": "…"}, …]}.
 * An event whose {@code version} is older than the stored one is ignored by consumers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordChanged(
        UUID eventId,
        String type,
        String orgId,
        Instant occurredAt,
        String module,
        String recordId,
        Operation operation,
        long version,
        Map<String, Object> record,
        List<String> changedFields,
        RecordState state) implements PorticoEvent {

    public static final String TYPE = "RECORD_CHANGED";

    public enum Operation { CREATED, UPDATED, DELETED }

    @Override
    public String topic() {
        return Topics.CRM_RECORD_CHANGED;
    }

    @Override
    public String key() {
        return EventKeys.record(orgId, module, recordId);
    }
}
