package dev.portico.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One invalid input: {@code field} is the JSON path of the offending value (e.g.
 * {@code modules[1].relatedVia.field}); {@code code}, when set, is the stable code of this violation, so a
 * problem that lists several kinds names each.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String message, String code) {

    public FieldError(String field, String message) {
        this(field, message, null);
    }
}
