package dev.portico.kit.web;

import dev.portico.kit.problem.Problem;
import dev.portico.kit.problem.ProblemCodes;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Unknown paths outside the REST resources answer 404 problem+json instead of an HTML page. */
@ApplicationScoped
public class NotFoundFallback {

    void install(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(ctx -> {
            String id = RequestIds.acceptOrCreate(ctx.request().getHeader(RequestIds.HEADER));
            Problem problem = Problem.of(404, ProblemCodes.NOT_FOUND, "No such resource.", null, id);
            ctx.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader(RequestIds.HEADER, id)
                    .end(Json.encode(problem));
        });
    }
}
