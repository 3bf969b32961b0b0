package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The CRM record as portal-user-service knew it when it reserved the seat: {@code name} and {@code email}
 * read through the module's name and e-mail fields, {@code language} the record's own language (a BCP 47
 * tag or a language name as the CRM keeps it), if any.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordSnapshot(
        String module,
        String recordId,
        long version,
        String name,
        String email,
        String language,
        Map<String, Object> fields,
        RecordState state) {
}
