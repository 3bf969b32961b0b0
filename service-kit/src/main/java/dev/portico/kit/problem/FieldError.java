package dev.portico.kit.problem;

/** One invalid input: {@code field} is the JSON path of the offending value (e.g. {@code modules[1].relatedVia.field}). */
public record FieldError(String field, String message) {
}
