package dev.portico.kit.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every answer a service gives itself (browsers may reach a service directly in a local
 * stack): no MIME sniffing, no framing, no referrer, and no caching of API answers. Set only when absent, so
 * the gateway, which has its own configurable set, neither doubles nor overrides them.
 */
@ApplicationScoped
public class SecurityHeaders {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            boolean api = ctx.request().path().startsWith("/api/");
            ctx.addHeadersEndHandler(ignored -> {
                MultiMap headers = ctx.response().headers();
                addIfAbsent(headers, "X-Content-Type-Options", "nosniff");
                addIfAbsent(headers, "X-Frame-Options", "DENY");
                addIfAbsent(headers, "Referrer-Policy", "no-referrer");
                if (api) {
                    addIfAbsent(headers, "Cache-Control", "no-store");
                }
            });
            ctx.next();
        });
    }

    private static void addIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
