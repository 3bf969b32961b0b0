package dev.portico.autoinvite.condition;

import java.util.Locale;

/** The operators of the condition language (DESIGN §3), written in lower case in JSON. */
public enum Op {
    EQ, NE, IN, NOT_IN, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, IS_EMPTY, IS_NOT_EMPTY, GT, GTE, LT, LTE,
    BETWEEN, CHANGED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Operators that take no value. */
    public boolean valueless() {
        return this == IS_EMPTY || this == IS_NOT_EMPTY || this == CHANGED;
    }

    public static Op parse(String text) {
        for (Op op : values()) {
            if (op.json().equals(text)) {
                return op;
            }
        }
        return null;
    }
}
