package dev.portico.gateway.proxy;

import dev.portico.kit.problem.FieldError;
import dev.portico.kit.problem.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Problem+json answers the gateway gives itself, in the kit's one error shape. */
final class Problems {

    private Problems() {
    }

    static Buffer body(int status, String code, String detail, String requestId) {
        return Json.encodeToBuffer(Problem.of(status, code, detail, List.<FieldError>of(), requestId));
    }

    static void send(RoutingContext ctx, int status, String code, String detail, String requestId) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(dev.portico.kit.web.RequestIds.HEADER, requestId)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(body(status, code, detail, requestId));
    }
}
