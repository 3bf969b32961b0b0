package dev.portico.kit.problem;

import java.util.List;

/**
 * A domain rule said no. Services throw it with a stable {@code code}; {@link ProblemMappers} turns it
 * into problem+json and the surrounding transaction rolls back.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> errors;

    public ProblemException(int status, String code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ProblemException(int status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, detail);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, detail);
    }

    public static ProblemException gone(String code, String detail) {
        return new ProblemException(410, code, detail);
    }

    /** 422: the request is well-formed but breaks a rule; {@code field} is the JSON path at fault. */
    public static ProblemException invalid(String code, String field, String message) {
        return new ProblemException(422, code, message, List.of(new FieldError(field, message, code)));
    }

    public static ProblemException invalid(String code, String detail, List<FieldError> errors) {
        return new ProblemException(422, code, detail, errors);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
