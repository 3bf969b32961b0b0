package dev.portico.kit.web;

import dev.portico.kit.problem.FieldError;
import dev.portico.kit.problem.ProblemCodes;
import dev.portico.kit.problem.ProblemMappers;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks path and query parameters before they are converted or reach a resource: a control character
 * answers 400 {@code INVALID_CHARACTERS}, and a numeric query parameter that is not a whole number in range
 * ({@code ?page=abc}, {@code 1.5}, {@code 2147483648}) or a UUID one that is no UUID ({@code ?userTypeId=nope})
 * 400 {@code INVALID_VALUE}, each naming the parameter
 * (Jakarta REST itself would answer a query parameter it cannot convert with 404).
 */
public class InputFilter {

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,19}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private final Map<Method, Map<String, Class<?>>> numericParams = new ConcurrentHashMap<>();

    // after ScopeFilter (100): a caller without a valid token learns nothing about the input rules
    @ServerRequestFilter(priority = 200)
    public Response check(UriInfo uri, ResourceInfo resource) {
        List<FieldError> invalid = new ArrayList<>();
        controls(uri.getPathParameters(), invalid);
        controls(uri.getQueryParameters(), invalid);
        if (!invalid.isEmpty()) {
            return ProblemMappers.respond(400, ProblemCodes.INVALID_CHARACTERS,
                    "A parameter contains control characters or unpaired surrogates.", invalid, null);
        }
        Method method = resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        Map<String, Class<?>> numeric = numericParams.computeIfAbsent(method, InputFilter::numericQueryParams);
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        for (Map.Entry<String, Class<?>> param : numeric.entrySet()) {
            List<String> values = query.get(param.getKey());
            if (values == null) {
                continue;
            }
            for (String value : values) {
                if (!fits(value, param.getValue())) {
                    invalid.add(new FieldError(param.getKey(), param.getValue() == UUID.class ? "must be a UUID"
                            : "must be a whole number" + (param.getValue() == Integer.class ? " up to "
                                    + Integer.MAX_VALUE : ""), ProblemCodes.INVALID_VALUE));
                    break;
                }
            }
        }
        if (!invalid.isEmpty()) {
            // JAX-RS would answer a query parameter it cannot convert with 404, as if the resource were missing
            return ProblemMappers.respond(400, ProblemCodes.INVALID_VALUE,
                    "A query parameter is not a valid number or UUID.", invalid, null);
        }
        return null;
    }

    private static void controls(MultivaluedMap<String, String> params, List<FieldError> invalid) {
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (Text.hasControlCharacters(param.getKey())
                    || param.getValue().stream().anyMatch(Text::hasControlCharacters)) {
                invalid.add(new FieldError(Text.hasControlCharacters(param.getKey()) ? "?" : param.getKey(),
                        "must not contain control characters or unpaired surrogates", ProblemCodes.INVALID_CHARACTERS));
            }
        }
    }

    private static boolean fits(String value, Class<?> type) {
        if (value.isEmpty()) {
            return true; // absent: the default applies
        }
        // no trimming: the parameter converter does not trim either, and " " or "1 " would end in its 404
        if (type == UUID.class) {
            return UUID_TEXT.matcher(value).matches();
        }
        if (!WHOLE.matcher(value).matches()) {
            return false;
        }
        try {
            long parsed = Long.parseLong(value);
            return type == Long.class || (parsed >= Integer.MIN_VALUE && parsed <= Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Query parameters of the method (directly or in a {@code @BeanParam}) typed int, long or UUID, by name. */
    private static Map<String, Class<?>> numericQueryParams(Method method) {
        Map<String, Class<?>> out = new ConcurrentHashMap<>();
        for (Parameter parameter : method.getParameters()) {
            String name = queryName(parameter.getAnnotation(QueryParam.class), parameter.getAnnotation(RestQuery.class),
                    parameter.getName());
            if (name != null) {
                numericType(parameter.getType(), name, out);
            } else if (parameter.isAnnotationPresent(BeanParam.class)) {
                for (Class<?> type = parameter.getType(); type != null && type != Object.class;
                        type = type.getSuperclass()) {
                    for (Field field : type.getDeclaredFields()) {
                        String fieldName = queryName(field.getAnnotation(QueryParam.class),
                                field.getAnnotation(RestQuery.class), field.getName());
                        if (fieldName != null) {
                            numericType(field.getType(), fieldName, out);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String queryName(QueryParam query, RestQuery rest, String fallback) {
        if (query != null) {
            return query.value();
        }
        if (rest != null) {
            return rest.value().isEmpty() ? fallback : rest.value();
        }
        return null;
    }

    private static void numericType(Class<?> type, String name, Map<String, Class<?>> out) {
        if (type == int.class || type == Integer.class) {
            out.put(name, Integer.class);
        } else if (type == long.class || type == Long.class) {
            out.put(name, Long.class);
        } else if (type == UUID.class) {
            out.put(name, UUID.class);
        }
    }
}
