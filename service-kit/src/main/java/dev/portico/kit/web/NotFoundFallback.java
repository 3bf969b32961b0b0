package dev.portico.kit.web;

import dev.portico.kit.problem.ProblemCodes;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Unknown paths outside the REST resources answer 404 problem+json instead of an HTML page. */
@ApplicationScoped
public class NotFoundFallback {

    void install(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(ctx -> HttpProblems.send(ctx, 404, ProblemCodes.NOT_FOUND,
                "No such resource."));
    }
}
