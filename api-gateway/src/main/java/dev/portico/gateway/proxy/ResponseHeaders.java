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

    private static final CharSequence VARY = HttpHeaders.createOptimized("Vary");
    private static final CharSequence ORIGIN = HttpHeaders.createOptimized("Origin");

    private CharSequence[][] everywhere;
    private CharSequence[][] belowApi;
    private CharSequence[][] docs;

    void install(@Observes Router router) {
        everywhere = encode(config.responseHeaders());
        belowApi = encode(config.apiResponseHeaders());
        docs = encode(config.docsResponseHeaders());
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        boolean api = path.startsWith("/api/");
        boolean documentation = !api && path.startsWith("/q/swagger-ui");
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            if (documentation) {
                add(headers, docs);
            }
            add(headers, everywhere);
            if (api) {
                add(headers, belowApi);
            }
            varyByOrigin(headers);
        });
        ctx.next();
    }

    /** CORS answers depend on the Origin header: caches must keep one answer per origin. */
    private static void varyByOrigin(MultiMap headers) {
        for (String vary : headers.getAll(VARY)) {
            for (String name : vary.split(",")) {
                if (name.trim().equalsIgnoreCase("Origin") || name.trim().equals("*")) {
                    return;
                }
            }
        }
        headers.add(VARY, ORIGIN);
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
