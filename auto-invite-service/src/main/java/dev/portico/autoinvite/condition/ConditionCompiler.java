package dev.portico.autoinvite.condition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.kit.problem.FieldError;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses the condition language and checks it against the module's field types, collecting every problem with
 * its JSON path (e.g. {@code rules[1].condition.all[0].field}) rather than stopping at the first.
 */
public final class ConditionCompiler {

    public static final String INVALID_CONDITION = "INVALID_CONDITION";
    public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
    public static final String UNKNOWN_OPERATOR = "UNKNOWN_OPERATOR";
    public static final String OPERATOR_NOT_ALLOWED = "OPERATOR_NOT_ALLOWED";
    public static final String INVALID_CONDITION_VALUE = "INVALID_CONDITION_VALUE";
    public static final int MAX_DEPTH = 10;
    public static final int MAX_LIST = 100;
    /** The longest text a condition may compare with (a CRM field's value is shorter than that). */
    public static final int MAX_TEXT = 1000;

    private final Map<String, String> fieldTypes;
    private final List<FieldError> errors;
    private final boolean bounded;

    /** @param fieldTypes the module's fields and their types (portal-config-service's FieldType names) */
    public ConditionCompiler(Map<String, String> fieldTypes, List<FieldError> errors) {
        this(fieldTypes, errors, true);
    }

    /** @param bounded whether texts longer than {@link #MAX_TEXT} are refused (new input only, not stored rows) */
    private ConditionCompiler(Map<String, String> fieldTypes, List<FieldError> errors, boolean bounded) {
        this.fieldTypes = fieldTypes;
        this.errors = errors;
        this.bounded = bounded;
    }

    /** The compiled condition, or null when {@code node} had problems (added to the error list). */
    public Condition compile(JsonNode node, String path) {
        int before = errors.size();
        Condition condition = compile(node, path, 0);
        return errors.size() == before ? condition : null;
    }

    /** Compiles a condition already validated when it was saved; a problem now is a bug, not input. */
    public static Condition trusted(JsonNode node, String path, Map<String, String> fieldTypes) {
        List<FieldError> errors = new ArrayList<>();
        // a row saved before a limit existed still compiles: refusing it now would stop evaluation, not the input
        Condition condition = new ConditionCompiler(fieldTypes, errors, false).compile(node, path);
        if (condition == null) {
            throw new IllegalStateException("A stored condition no longer compiles: " + errors);
        }
        return condition;
    }

    private Condition compile(JsonNode node, String path, int depth) {
        if (node == null || !node.isObject()) {
            return error(path, INVALID_CONDITION, "must be an object: {all:[…]}, {any:[…]}, {not:…} or {field, op, value}");
        }
        if (depth >= MAX_DEPTH) {
            return error(path, INVALID_CONDITION, "is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (node.has("all") || node.has("any") || node.has("not")) {
            if (node.size() != 1) {
                return error(path, INVALID_CONDITION, "must have exactly one of all, any, not (or be a field condition)");
            }
            if (node.has("not")) {
                Condition inner = compile(node.get("not"), path + ".not", depth + 1);
                return inner == null ? null : new Condition.Not(path, inner);
            }
            String key = node.has("all") ? "all" : "any";
            JsonNode items = node.get(key);
            if (!items.isArray() || items.isEmpty()) {
                return error(path + "." + key, INVALID_CONDITION, "must be a non-empty list of conditions");
            }
            if (items.size() > MAX_LIST) {
                return error(path + "." + key, INVALID_CONDITION, "may list at most " + MAX_LIST + " conditions");
            }
            List<Condition> compiled = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < items.size(); i++) {
                Condition c = compile(items.get(i), path + "." + key + "[" + i + "]", depth + 1);
                ok &= c != null;
                compiled.add(c);
            }
            if (!ok) {
                return null;
            }
            return key.equals("all") ? new Condition.All(path, compiled) : new Condition.Any(path, compiled);
        }
        return leaf(node, path);
    }

    private Condition leaf(JsonNode node, String path) {
        boolean ok = true;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("field", "op", "value").contains(name)) {
                ok = false;
                error(path + "." + name, INVALID_CONDITION, "is not part of a field condition (field, op, value)");
            }
        }
        JsonNode fieldNode = node.get("field");
        JsonNode opNode = node.get("op");
        FieldKind kind = null;
        String field = null;
        if (fieldNode == null || !fieldNode.isTextual() || fieldNode.asText().isBlank()) {
            ok = false;
            error(path + ".field", UNKNOWN_FIELD, "must name a field of the portal's module");
        } else {
            field = fieldNode.asText();
            String type = fieldTypes.get(field);
            kind = FieldKind.of(type);
            if (type == null) {
                ok = false;
                error(path + ".field", UNKNOWN_FIELD, "'" + field + "' is not a field of the portal's module");
            } else if (kind == null) {
                ok = false;
                error(path + ".field", UNKNOWN_FIELD, "'" + field + "' has type " + type + ", which conditions cannot test");
            }
        }
        Op op = opNode != null && opNode.isTextual() ? Op.parse(opNode.asText()) : null;
        if (op == null) {
            ok = false;
            error(path + ".op", UNKNOWN_OPERATOR, "must be one of " + List.of(Op.values()).stream().map(Op::json)
                    .collect(Collectors.joining(", ")));
        } else if (kind != null && !kind.allows(op)) {
            ok = false;
            error(path + ".op", OPERATOR_NOT_ALLOWED, "'" + op.json() + "' does not apply to " + field + " ("
                    + fieldTypes.get(field) + "); allowed: " + kind.ops().stream().map(Op::json)
                    .collect(Collectors.joining(", ")));
        }
        if (op == null || kind == null || !kind.allows(op)) {
            return null;
        }
        List<Object> operands = operands(node.get("value"), op, kind, path + ".value");
        return ok && operands != null ? new Leaf(path, field, op, kind, operands) : null;
    }

    private List<Object> operands(JsonNode value, Op op, FieldKind kind, String path) {
        boolean absent = value == null || value.isNull();
        if (op.valueless()) {
            return absent ? List.of() : fail(path, "must be left out for " + op.json());
        }
        if (absent) {
            return fail(path, "is required for " + op.json());
        }
        boolean set = kind == FieldKind.MULTI_PICKLIST || kind == FieldKind.MULTI_LOOKUP;
        switch (op) {
            case IN, NOT_IN -> {
                List<Object> items = list(value, kind, path, 1, MAX_LIST);
                return items == null ? null : List.copyOf(new LinkedHashSet<>(items));
            }
            case BETWEEN -> {
                List<Object> bounds = list(value, kind, path, 2, 2);
                if (bounds != null && compareBounds(bounds) > 0) {
                    return fail(path, "must be [low, high] with low ≤ high");
                }
                return bounds;
            }
            case CONTAINS, NOT_CONTAINS -> {
                if (set) {
                    return value.isArray() ? list(value, kind, path, 1, MAX_LIST) : single(value, kind, path);
                }
                return single(value, kind, path);
            }
            case EQ, NE -> {
                if (kind == FieldKind.MULTI_PICKLIST) {
                    List<Object> options = list(value, kind, path, 1, MAX_LIST);
                    return options == null ? null : List.of(new LinkedHashSet<>(options));
                }
                return single(value, kind, path);
            }
            default -> {
                return single(value, kind, path);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareBounds(List<Object> bounds) {
        return ((Comparable) bounds.get(0)).compareTo(bounds.get(1));
    }

    private List<Object> list(JsonNode value, FieldKind kind, String path, int min, int max) {
        if (!value.isArray() || value.size() < min || value.size() > max) {
            return fail(path, min == max ? "must be a list of exactly " + min + " values"
                    : "must be a list of " + min + " to " + max + " values");
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            List<Object> one = single(value.get(i), kind, path + "[" + i + "]");
            if (one == null) {
                return null;
            }
            items.add(one.get(0));
        }
        return items;
    }

    /** One scalar operand of the field's kind, normalised as record values are. */
    private List<Object> single(JsonNode value, FieldKind kind, String path) {
        if (bounded && value.isTextual() && value.asText().length() > MAX_TEXT) {
            return fail(path, "is longer than " + MAX_TEXT + " characters");
        }
        Object operand = null;
        try {
            operand = switch (kind) {
                case TEXT, MULTI_PICKLIST -> value.isTextual() ? Leaf.text(value.asText()) : null;
                case LOOKUP, MULTI_LOOKUP -> value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
                case NUMBER -> value.isNumber() ? new BigDecimal(value.asText()) : null;
                case DATE -> value.isTextual() && value.asText().trim().length() == 10 ? Leaf.date(value.asText()) : null;
                case DATETIME -> value.isTextual() ? Leaf.instant(value.asText()) : null;
                case BOOLEAN -> value.isBoolean() ? value.asBoolean() : null;
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            operand = null;
        }
        if (operand == null) {
            return fail(path, "must be " + expected(kind));
        }
        return List.of(operand);
    }

    private static String expected(FieldKind kind) {
        return switch (kind) {
            case TEXT, MULTI_PICKLIST -> "a non-empty text";
            case LOOKUP, MULTI_LOOKUP -> "a record id (text)";
            case NUMBER -> "a number";
            case DATE -> "a date (yyyy-MM-dd)";
            case DATETIME -> "a date-time (ISO 8601 with offset, e.g. 2026-01-31T09:00:00Z) or a date";
            case BOOLEAN -> "true or false";
        };
    }

    private List<Object> fail(String path, String message) {
        errors.add(new FieldError(path, message, INVALID_CONDITION_VALUE));
        return null;
    }

    private Condition error(String path, String code, String message) {
        errors.add(new FieldError(path, message, code));
        return null;
    }
}
