package dev.portico.kit.web;

import dev.portico.kit.problem.Problem;
import dev.portico.kit.problem.ProblemCodes;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem+json for what Vert.x itself refuses, before or outside the REST resources: a body whose
 * Content-Length is over {@code quarkus.http.limits.max-body-size} (413 {@code PAYLOAD_TOO_LARGE}, where
 * Quarkus answers with an empty body), and any failed route (its status, or 500). What Netty refuses while
 * decoding (a request line over 4 KiB: 414, headers over 20 KiB: 431, a malformed request line, header or
 * Content-Length: 400), and a URI Quarkus' root handler cannot parse ({@code /a/%zz}: 400), are answered
 * before any route runs, with an empty body, and cannot be intercepted here (Quarkus exposes neither the
 * server's invalid-request handler nor its root handler).
 */
@ApplicationScoped
public class HttpProblems {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        // just before Quarkus' own upload limit, which would answer these without a body
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && contentLength(length) > limit) {
                ctx.response().putHeader("Connection", "close");
                send(ctx, 413, ProblemCodes.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
                return;
            }
            ctx.next();
        });
        router.route().order(Integer.MAX_VALUE - 1).failureHandler(this::failed);
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
