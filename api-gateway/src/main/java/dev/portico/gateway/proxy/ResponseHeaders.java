package dev.portico.gateway.proxy;

import dev.portico.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Puts the configured security headers on every answer the gateway gives, proxied or its own, in one handler
 * that runs first: one route instead of one per header keeps the hot path short.
 */
@ApplicationScoped
public class ResponseHeaders {

    @Inject
    GatewayConfig config;

    private CharSequence[][] everywhere;
    private CharSequence[][] belowApi;

    void install(@Observes Router router) {
        everywhere = encode(config.responseHeaders());
        belowApi = encode(config.apiResponseHeaders());
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        boolean api = ctx.request().path().startsWith("/api/");
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            add(headers, everywhere);
            if (api) {
                add(headers, belowApi);
            }
        });
        ctx.next();
    }

    private static void add(MultiMap headers, CharSequence[][] pairs) {
        for (CharSequence[] pair : pairs) {
            if (!headers.contains(pair[0])) {
                headers.set(pair[0], pair[1]);
            }
        }
    }

    private static CharSequence[][] encode(Map<String, String> headers) {
        return headers.entrySet().stream()
                .map(e -> new CharSequence[] {HttpHeaders.createOptimized(e.getKey()), HttpHeaders.createOptimized(e.getValue())})
                .toArray(CharSequence[][]::new);
    }
}
