package dev.portico.kit.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.portico.kit.web.RequestIds;
import dev.portico.kit.web.StrictJson;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP answers: every error leaves a Portico service as
 * {@code application/problem+json} with a stable code. 4xx are logged at DEBUG, 5xx at ERROR with the
 * stack trace (never in the body).
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.status(), e.code(), e.getMessage(), e.errors(), null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(jsonPath(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return respond(400, ProblemCodes.VALIDATION_FAILED, "The request has invalid fields.", errors, null);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return jsonProblem(e);
    }

    // Jackson's own mappers are registered for these exact types; naming them here is what makes ours win.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return jsonProblem(e);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return jsonProblem(e);
    }

    @ServerExceptionMapper
    public Response valueInstantiation(ValueInstantiationException e) {
        return jsonProblem(e);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e) {
        return jsonProblem(e);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return respond(401, ProblemCodes.UNAUTHENTICATED, "A bearer token is required.", null, null);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return respond(401, ProblemCodes.INVALID_TOKEN,
                "The bearer token is invalid, expired or not from a trusted issuer.", null, null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, ProblemCodes.MISSING_SCOPE, "The token lacks the scope this operation needs.", null, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonProblem(json);
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> ProblemCodes.INVALID_VALUE;
            case 401 -> ProblemCodes.UNAUTHENTICATED;
            case 403 -> ProblemCodes.MISSING_SCOPE;
            case 404 -> ProblemCodes.NOT_FOUND;
            case 405 -> ProblemCodes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCodes.NOT_ACCEPTABLE;
            case 413 -> ProblemCodes.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCodes.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ProblemCodes.INTERNAL_ERROR : "HTTP_" + status;
        };
        String detail = switch (status) {
            case 400 -> "The request is not valid.";
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "This resource cannot produce the requested media type.";
            case 413 -> "The request body is too large.";
            case 415 -> "This resource does not accept that media type; send application/json.";
            default -> status >= 500 ? "An unexpected error occurred." : "The request could not be processed.";
        };
        return respond(status, code, detail, null, status >= 500 ? e : null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String sqlState = sqlState(e);
        if (sqlState != null && sqlState.startsWith("22")) {
            // data exception: a value the database cannot take (out of range, bad encoding, ...) that no rule caught
            Log.warnf(e, "database refused a value (SQLState %s, request %s)", sqlState, RequestIds.current());
            return respond(400, ProblemCodes.INVALID_VALUE, "A value in the request cannot be stored.", null, null);
        }
        if ("23505".equals(sqlState)) {
            Log.warnf(e, "unmapped unique violation (request %s)", RequestIds.current());
            return respond(409, ProblemCodes.CONFLICT, "The request conflicts with data that already exists.", null,
                    null);
        }
        return respond(500, ProblemCodes.INTERNAL_ERROR,
                "An unexpected error occurred; quote the request id when reporting it.", null, e);
    }

    private Response jsonProblem(JsonProcessingException e) {
        if (e instanceof StrictJson.ControlCharactersException chars) {
            String field = path(chars);
            return respond(400, ProblemCodes.INVALID_CHARACTERS, "The request body has text with control characters or unpaired surrogates.",
                    List.of(new FieldError(field.isEmpty() ? "$" : field, "must not contain control characters or unpaired surrogates",
                            ProblemCodes.INVALID_CHARACTERS)), null);
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            return respond(400, ProblemCodes.MALFORMED_JSON, "The request body has content after the JSON value.",
                    null, null);
        }
        if (e instanceof ValueInstantiationException || e instanceof InvalidFormatException
                || e instanceof MismatchedInputException) {
            String field = path((JsonMappingException) e);
            String message = e instanceof ValueInstantiationException
                    ? "has an invalid value"
                    : "has the wrong type or format";
            return respond(400, ProblemCodes.INVALID_VALUE, "The request body has a value of the wrong type.",
                    List.of(new FieldError(field.isEmpty() ? "$" : field, message)), null);
        }
        return respond(400, ProblemCodes.MALFORMED_JSON, "The request body is not well-formed JSON.", null, null);
    }

    /** Builds a problem response; a non-null {@code cause} is logged as a server error. */
    public static Response respond(int status, String code, String detail, List<FieldError> errors, Throwable cause) {
        String requestId = RequestIds.current();
        if (status >= 500) {
            Log.errorf(cause, "%d %s (request %s)", status, code, requestId);
        } else {
            Log.debugf("%d %s: %s", status, code, detail);
        }
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, code, detail, errors, requestId))
                .build();
    }

    /** The SQLState of the first JDBC exception among the causes, or null. */
    static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /**
     * The JSON path of a violation without method and parameter names: {@code modules[0].name} for a
     * body field, {@code size} for a query parameter.
     */
    static String jsonPath(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new java.util.ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                if (i == nodes.size() - 1) {
                    out.append(node.getName());
                }
                continue;
            }
            if (node.isInIterable()) {
                out.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (kind == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(node.getName());
        }
        return out.isEmpty() ? "$" : out.toString();
    }
}
