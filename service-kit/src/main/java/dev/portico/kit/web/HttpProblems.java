package dev.portico.kit.web;

import dev.portico.kit.problem.Problem;
import dev.portico.kit.problem.ProblemCodes;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem+json for what Vert.x itself refuses, before or outside the REST resources, and for the request-size
 * limits of the API, checked first on every request:
 * <ul>
 * <li>a URI (path and query) over {@code portico.http.max-uri-length}: 414 {@code URI_TOO_LONG};
 * <li>headers over {@code portico.http.max-header-bytes} together (names, values and their separators): 431
 * {@code HEADERS_TOO_LARGE};
 * <li>a body whose Content-Length is over {@code quarkus.http.limits.max-body-size}: 413 {@code PAYLOAD_TOO_LARGE},
 * where Quarkus answers with an empty body;
 * <li>any failed route: its status, or 500.
 * </ul>
 * Netty's HTTP decoder answers what it cannot decode before any route runs, with an empty body (Quarkus exposes
 * neither the server's invalid-request handler nor its root handler). So its own limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set far above the API's
 * (64 KiB against 4 KiB and 20 KiB): every request a client could mean gets a problem from here, and only a
 * request line or headers over 64 KiB, a malformed request line or Content-Length, or a URI Quarkus cannot parse
 * ({@code /a/%zz}) still get Netty's bare 414, 431 or 400.
 */
@ApplicationScoped
public class HttpProblems {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @ConfigProperty(name = "portico.http.max-uri-length", defaultValue = "4096")
    int maxUriLength;

    @ConfigProperty(name = "portico.http.max-header-bytes", defaultValue = "20480")
    int maxHeaderBytes;

    void install(@Observes Router router) {
        long limit = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        // just before Quarkus' own upload limit, which would answer these without a body
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (ctx.request().uri().length() > maxUriLength) {
                refuse(ctx, 414, ProblemCodes.URI_TOO_LONG, "The request URI (path and query) is longer than "
                        + maxUriLength + " characters.");
            } else if (headerBytes(ctx.request().headers()) > maxHeaderBytes) {
                refuse(ctx, 431, ProblemCodes.HEADERS_TOO_LARGE, "The request headers are larger than "
                        + maxHeaderBytes + " bytes together.");
            } else if (length != null && contentLength(length) > limit) {
                refuse(ctx, 413, ProblemCodes.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MAX_VALUE - 1).failureHandler(this::failed);
    }

    /** A request refused before it is read: the connection closes after the problem (its body is not drained). */
    private static void refuse(RoutingContext ctx, int status, String code, String detail) {
        ctx.response().putHeader("Connection", "close");
        send(ctx, status, code, detail);
    }

    /** The headers' size as sent on the wire: each line's name, ": ", value and CRLF. */
    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private void failed(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationFailedException) {
            send(ctx, 401, ProblemCodes.INVALID_TOKEN, "The bearer token is invalid, expired or not from a trusted issuer.");
        } else if (failure instanceof UnauthorizedException) {
            send(ctx, 401, ProblemCodes.UNAUTHENTICATED, "A bearer token is required.");
        } else if (failure instanceof ForbiddenException) {
            send(ctx, 403, ProblemCodes.MISSING_SCOPE, "The token lacks the scope this operation needs.");
        } else {
            int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
            if (status >= 500) {
                Log.errorf(failure, "%d on %s %s", status, ctx.request().method(), ctx.request().path());
            }
            send(ctx, status, codeFor(status), detailFor(status));
        }
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> ProblemCodes.MALFORMED_REQUEST;
            case 401 -> ProblemCodes.UNAUTHENTICATED;
            case 403 -> ProblemCodes.MISSING_SCOPE;
            case 404 -> ProblemCodes.NOT_FOUND;
            case 405 -> ProblemCodes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCodes.NOT_ACCEPTABLE;
            case 413 -> ProblemCodes.PAYLOAD_TOO_LARGE;
            case 414 -> ProblemCodes.URI_TOO_LONG;
            case 431 -> ProblemCodes.HEADERS_TOO_LARGE;
            case 415 -> ProblemCodes.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ProblemCodes.INTERNAL_ERROR : "HTTP_" + status;
        };
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request is not valid HTTP.";
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed on this resource.";
            case 413 -> "The request body is too large.";
            default -> status >= 500 ? "An unexpected error occurred; quote the request id when reporting it."
                    : "The request could not be processed.";
        };
    }

    /** Sends a problem from a Vert.x route, with the request id (the caller's, when sane, or a new one). */
    public static void send(RoutingContext ctx, int status, String code, String detail) {
        String id = RequestIds.acceptOrCreate(ctx.request().getHeader(RequestIds.HEADER));
        Problem problem = Problem.of(status, code, detail, List.of(), id);
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, id)
                .end(Json.encode(problem));
    }

    /** The value of a Content-Length header (Netty has refused any that is not a number). */
    private static long contentLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
