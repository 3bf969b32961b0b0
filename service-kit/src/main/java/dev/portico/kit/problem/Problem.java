package dev.portico.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details with Portico's stable machine {@code code}. The only error body any service returns. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details; `code` is stable and meant for programs.")
public record Problem(
        @Schema(example = "https://portico.dev/problems/slug-taken") String type,
        @Schema(example = "Conflict") String title,
        @Schema(example = "409") int status,
        @Schema(example = "The slug 'acme' is already used by another portal.") String detail,
        @Schema(example = "SLUG_TAKEN") String code,
        List<FieldError> errors,
        @Schema(example = "8c1f2e0a-7d0b-4a39-a1f4-2b8d5b0f6c11") String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://portico.dev/problems/";

    public static Problem of(int status, String code, String detail, List<FieldError> errors, String requestId) {
        return new Problem(typeFor(code), titleFor(status), status, detail, code,
                errors == null ? List.of() : errors, requestId);
    }

    static String typeFor(String code) {
        return TYPE_BASE + code.toLowerCase().replace('_', '-');
    }

    static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
