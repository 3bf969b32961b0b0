package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The CRM record as portal-user-service knew it when it reserved the seat. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordSnapshot(
        String module,
        String recordId,
        long version,
        String name,
        String email,
        Map<String, Object> fields,
        RecordState state) {
}
