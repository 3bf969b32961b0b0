package dev.portico.autoinvite.condition;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * How a condition compares a field, from the module metadata's field type: text-like types compare as text
 * (case-insensitively), NUMBER/DECIMAL/CURRENCY as numbers, DATE as days, DATETIME as instants, BOOLEAN,
 * MULTI_PICKLIST as a set of options, LOOKUP as the looked-up record's id, MULTI_LOOKUP as a set of ids.
 */
public enum FieldKind {
    TEXT(EnumSet.of(Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.CONTAINS, Op.NOT_CONTAINS, Op.STARTS_WITH, Op.ENDS_WITH)),
    NUMBER(EnumSet.of(Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.BETWEEN)),
    DATE(EnumSet.of(Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.BETWEEN)),
    DATETIME(EnumSet.of(Op.EQ, Op.NE, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.BETWEEN)),
    BOOLEAN(EnumSet.of(Op.EQ, Op.NE)),
    MULTI_PICKLIST(EnumSet.of(Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.CONTAINS, Op.NOT_CONTAINS)),
    LOOKUP(EnumSet.of(Op.EQ, Op.NE, Op.IN, Op.NOT_IN)),
    MULTI_LOOKUP(EnumSet.of(Op.CONTAINS, Op.NOT_CONTAINS));

    private final Set<Op> ops;

    FieldKind(Set<Op> valued) {
        EnumSet<Op> all = EnumSet.copyOf(valued);
        all.addAll(EnumSet.of(Op.IS_EMPTY, Op.IS_NOT_EMPTY, Op.CHANGED));
        this.ops = all;
    }

    public boolean allows(Op op) {
        return ops.contains(op);
    }

    public Set<Op> ops() {
        return ops;
    }

    /** The kind of a module field type (portal-config-service's FieldType names); null for an unknown type. */
    public static FieldKind of(String fieldType) {
        if (fieldType == null) {
            return null;
        }
        return switch (fieldType.toUpperCase(Locale.ROOT)) {
            case "TEXT", "TEXTAREA", "EMAIL", "PHONE", "URL", "PICKLIST" -> TEXT;
            case "NUMBER", "DECIMAL", "CURRENCY" -> NUMBER;
            case "DATE" -> DATE;
            case "DATETIME" -> DATETIME;
            case "BOOLEAN" -> BOOLEAN;
            case "MULTI_PICKLIST" -> MULTI_PICKLIST;
            case "LOOKUP" -> LOOKUP;
            case "MULTI_LOOKUP" -> MULTI_LOOKUP;
            default -> null;
        };
    }
}
