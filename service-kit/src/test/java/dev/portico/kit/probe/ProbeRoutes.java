package dev.portico.kit.probe;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Plain Vert.x routes that fail, as extensions' routes (health, metrics, OpenAPI) can. */
@ApplicationScoped
public class ProbeRoutes {

    void install(@Observes Router router) {
        router.get("/probe-route/boom").handler(ctx -> {
            throw new IllegalStateException("secret route detail");
        });
        router.get("/probe-route/refused").handler(ctx -> ctx.fail(405));
    }
}
