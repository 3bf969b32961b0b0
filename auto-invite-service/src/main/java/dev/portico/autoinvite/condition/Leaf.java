package dev.portico.autoinvite.condition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code {"field", "op", "value"}}. Operands are normalised once at compile time (text lower-cased, numbers as
 * BigDecimal, dates parsed); the record's value is normalised the same way per test. An empty value (missing,
 * null, blank text, empty list) matches only {@code is_empty} and the negative operators {@code ne},
 * {@code not_in} and {@code not_contains}.
 */
public record Leaf(String path, String field, Op op, FieldKind kind, List<Object> operands) implements Condition {

    @Override
    public Outcome test(Facts facts) {
        return matches(facts) ? Outcome.MATCHED : Outcome.failed(path, whyNot(facts));
    }

    @Override
    public boolean matches(Facts facts) {
        if (op == Op.CHANGED) {
            return facts.changedFields().contains(field);
        }
        Object value = facts.normalised(field, kind);
        boolean empty = isEmpty(value);
        if (op == Op.IS_EMPTY || op == Op.IS_NOT_EMPTY) {
            return empty == (op == Op.IS_EMPTY);
        }
        if (value == UNREADABLE) {
            return false;
        }
        return empty ? negative(op) : holds(value);
    }

    /** Why a record this leaf does not match fails it (worked out only when someone asks: the dry run). */
    private String whyNot(Facts facts) {
        if (op == Op.CHANGED) {
            return field + " did not change";
        }
        Object value = facts.normalised(field, kind);
        if (op == Op.IS_EMPTY || op == Op.IS_NOT_EMPTY) {
            return field + (isEmpty(value) ? " is empty" : " is not empty");
        }
        if (value == UNREADABLE) {
            return field + " has a value that is not a " + kind.name().toLowerCase(Locale.ROOT);
        }
        return describe(facts.value(field));
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof Collection<?> c && c.isEmpty();
    }

    private boolean holds(Object value) {
        Object operand = operands.isEmpty() ? null : operands.get(0);
        if (value instanceof Set<?> set) {
            return matchesSet(set, operand);
        }
        return switch (op) {
            case EQ -> same(value, operand);
            case NE -> !same(value, operand);
            case IN -> operands.stream().anyMatch(o -> same(value, o));
            case NOT_IN -> operands.stream().noneMatch(o -> same(value, o));
            case CONTAINS -> ((String) value).contains((String) operand);
            case NOT_CONTAINS -> !((String) value).contains((String) operand);
            case STARTS_WITH -> ((String) value).startsWith((String) operand);
            case ENDS_WITH -> ((String) value).endsWith((String) operand);
            case GT -> compare(value, operand) > 0;
            case GTE -> compare(value, operand) >= 0;
            case LT -> compare(value, operand) < 0;
            case LTE -> compare(value, operand) <= 0;
            case BETWEEN -> compare(value, operand) >= 0 && compare(value, operands.get(1)) <= 0;
            default -> false;
        };
    }

    /** Multi-pick lists and multi-lookups: eq the same options; in any of; contains all of. */
    private boolean matchesSet(Set<?> value, Object operand) {
        return switch (op) {
            case EQ -> value.equals(operand);
            case NE -> !value.equals(operand);
            case IN -> operands.stream().anyMatch(value::contains);
            case NOT_IN -> operands.stream().noneMatch(value::contains);
            case CONTAINS -> value.containsAll(operands);
            case NOT_CONTAINS -> !value.containsAll(operands);
            default -> false;
        };
    }

    private static boolean same(Object value, Object operand) {
        if (value instanceof BigDecimal a && operand instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        return value.equals(operand);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object value, Object operand) {
        return ((Comparable) value).compareTo(operand);
    }

    private static boolean negative(Op op) {
        return op == Op.NE || op == Op.NOT_IN || op == Op.NOT_CONTAINS;
    }

    private String describe(Object raw) {
        return field + " is " + (raw == null ? "empty" : "'" + raw + "'") + ", not " + op.json()
                + (operands.isEmpty() ? "" : " " + operands);
    }

    /** A value that is there but cannot be read as the field's kind (the CRM sent a word for a number). */
    static final Object UNREADABLE = new Object();

    /** The record's value (or a condition's operand) in comparable form; null when empty. */
    static Object normalise(FieldKind kind, Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s && s.isBlank()) {
            return null;
        }
        try {
            return switch (kind) {
                case TEXT -> raw instanceof Map || raw instanceof Collection ? UNREADABLE : text(raw);
                case NUMBER -> raw instanceof Number n ? new BigDecimal(n.toString())
                        : raw instanceof String s ? new BigDecimal(s.trim()) : UNREADABLE;
                case DATE -> raw instanceof String s ? date(s) : UNREADABLE;
                case DATETIME -> raw instanceof String s ? instant(s) : UNREADABLE;
                case BOOLEAN -> raw instanceof Boolean b ? b : raw instanceof String s ? bool(s) : UNREADABLE;
                case MULTI_PICKLIST -> options(raw);
                case LOOKUP -> id(raw);
                case MULTI_LOOKUP -> ids(raw);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return UNREADABLE;
        }
    }

    static String text(Object raw) {
        String text = raw.toString().trim();
        return text.isEmpty() ? null : text.toLowerCase(Locale.ROOT);
    }

    static LocalDate date(String s) {
        String t = s.trim();
        return t.length() > 10 ? instant(t).atOffset(ZoneOffset.UTC).toLocalDate() : LocalDate.parse(t);
    }

    static Instant instant(String s) {
        String t = s.trim();
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(t).toInstant();
    }

    private static Object bool(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : UNREADABLE;
    }

    /** A multi-pick list arrives as a JSON array, or as text with {@code ;} between options. */
    private static Object options(Object raw) {
        List<Object> items = new ArrayList<>();
        if (raw instanceof Collection<?> c) {
            items.addAll(c);
        } else if (raw instanceof String s) {
            items.addAll(List.of(s.split(";")));
        } else {
            return UNREADABLE;
        }
        Set<String> options = new LinkedHashSet<>();
        for (Object item : items) {
            if (item instanceof Map || item instanceof Collection) {
                return UNREADABLE;
            }
            String text = item == null ? null : text(item);
            if (text != null) {
                options.add(text);
            }
        }
        return options;
    }

    private static Object id(Object raw) {
        if (raw instanceof Map<?, ?> map) {
            Object id = map.get("id");
            return id == null || id.toString().isBlank() ? null : id.toString();
        }
        return raw instanceof Collection ? UNREADABLE : raw.toString();
    }

    private static Object ids(Object raw) {
        if (!(raw instanceof Collection<?> items)) {
            return UNREADABLE;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Object item : items) {
            Object id = item == null ? null : id(item);
            if (id == UNREADABLE) {
                return UNREADABLE;
            }
            if (id != null) {
                ids.add((String) id);
            }
        }
        return ids;
    }
}
