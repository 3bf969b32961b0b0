package dev.portico.autoinvite.condition;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a condition is tested against: the record's fields and the fields this change touched. A field's value in
 * comparable form (lower-cased text, a number, a date…) is worked out once per change and kind, however many
 * configurations test it. One change, one thread: not for sharing between threads.
 */
public final class Facts {

    private static final Object NOT_YET = new Object();
    private static final int KINDS = FieldKind.values().length;

    private final Map<String, Object> record;
    private final Set<String> changedFields;
    private Map<String, Object[]> normalised;

    public Facts(Map<String, Object> record, Set<String> changedFields) {
        this.record = record == null ? Map.of() : record;
        this.changedFields = changedFields == null ? Set.of() : changedFields;
    }

    public Map<String, Object> record() {
        return record;
    }

    public Set<String> changedFields() {
        return changedFields;
    }

    public Object value(String field) {
        return record.get(field);
    }

    /** The field's value as {@link Leaf#normalise} reads it for this kind, computed at the first test. */
    Object normalised(String field, FieldKind kind) {
        if (normalised == null) {
            normalised = new HashMap<>();
        }
        Object[] byKind = normalised.computeIfAbsent(field, f -> {
            Object[] values = new Object[KINDS];
            Arrays.fill(values, NOT_YET);
            return values;
        });
        Object value = byKind[kind.ordinal()];
        if (value == NOT_YET) {
            value = Leaf.normalise(kind, record.get(field));
            byKind[kind.ordinal()] = value;
        }
        return value;
    }
}
