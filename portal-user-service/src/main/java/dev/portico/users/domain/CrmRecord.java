package dev.portico.users.domain;

import dev.portico.events.RecordSnapshot;
import dev.portico.events.RecordState;
import java.util.Map;

/** One CRM record as the directory keeps it: the latest version seen on {@code crm.record-changed}. */
public record CrmRecord(
        String orgId,
        String module,
        String recordId,
        long version,
        String name,
        String email,
        String language,
        RecordState state,
        Map<String, Object> fields,
        boolean deleted) {

    public RecordSnapshot snapshot() {
        return new RecordSnapshot(module, recordId, version, name, email, language, fields, state);
    }
}
