package dev.portico.kit.web;

import dev.portico.kit.problem.FieldError;
import dev.portico.kit.problem.ProblemCodes;
import dev.portico.kit.problem.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses query parameters into enums with a 400 that names the parameter and the allowed values
 * (JAX-RS would answer a bad enum in a query parameter with 404).
 */
public final class Params {

    private Params() {
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        String allowed = String.join(", ", Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
        throw new ProblemException(400, ProblemCodes.INVALID_VALUE, "Unknown " + parameter + " '" + value + "'.",
                List.of(new FieldError(parameter, "must be one of " + allowed)));
    }
}
