package dev.portico.kit.problem;

/** Codes for failures that are not domain rules: the same in every service. */
public final class ProblemCodes {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String INVALID_VALUE = "INVALID_VALUE";
    /** A text field, path or query parameter holds a control character (C0 except tab, LF, CR; DEL) or an unpaired surrogate. */
    public static final String INVALID_CHARACTERS = "INVALID_CHARACTERS";
    /** The HTTP request itself is broken (e.g. a Content-Length that is not a number). */
    public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    /** The request's URI (path and query) is longer than the service takes: 414. */
    public static final String URI_TOO_LONG = "URI_TOO_LONG";
    /** The request's headers together are larger than the service takes: 431. */
    public static final String HEADERS_TOO_LARGE = "HEADERS_TOO_LARGE";
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String INVALID_TOKEN = "INVALID_TOKEN";
    public static final String MISSING_SCOPE = "MISSING_SCOPE";
    /** A unique constraint said no and the service had no more specific code for it. */
    public static final String CONFLICT = "CONFLICT";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ProblemCodes() {
    }
}
