package dev.portico.gateway.health;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * The gateway's liveness and readiness on its public port, for the load balancer in front of it: the status only
 * ({@code {"status":"UP"}}, 200, or DOWN with 503), never the checks' details. The full health answers and the
 * metrics are on the management port, like every service's.
 */
@ApplicationScoped
public class PublicHealth {

    @Inject
    SmallRyeHealthReporter reporter;

    void install(@Observes Router router) {
        // HEAD too: load balancers often probe with it (Vert.x leaves the body out)
        router.route("/q/health/live").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .blockingHandler(ctx -> answer(ctx, reporter::getLiveness), false);
        router.route("/q/health/ready").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .blockingHandler(ctx -> answer(ctx, reporter::getReadiness), false);
    }

    private static void answer(RoutingContext ctx, Supplier<SmallRyeHealth> check) {
        boolean down = check.get().isDown();
        ctx.response().setStatusCode(down ? 503 : 200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(down ? "{\"status\":\"DOWN\"}" : "{\"status\":\"UP\"}");
    }
}
