package dev.portico.autoinvite.condition;

import java.util.Map;
import java.util.Set;

/** What a condition is tested against: the record's fields and the fields this change touched. */
public record Facts(Map<String, Object> record, Set<String> changedFields) {

    public Facts {
        record = record == null ? Map.of() : record;
        changedFields = changedFields == null ? Set.of() : changedFields;
    }

    public Object value(String field) {
        return record.get(field);
    }
}
