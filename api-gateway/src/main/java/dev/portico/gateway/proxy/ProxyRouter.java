package dev.portico.gateway.proxy;

import dev.portico.gateway.config.GatewayConfig;
import dev.portico.kit.web.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The front door for /api/v1: finds the route, checks the token and the route's scopes, applies rate
 * limits and the body-size limit, and hands the request to vertx-http-proxy, which streams it to the owning
 * service and the answer back (status, headers and problem+json bodies untouched; hop-by-hop headers
 * dropped). Paths no route names fall through to the gateway's own resources (CRM intake, OpenAPI).
 */
@ApplicationScoped
public class ProxyRouter {

    @Inject
    GatewayConfig config;

    @Inject
    GatewayAuth auth;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "portico.public-base-url")
    URI publicBase;

    /** Stands for the gateway's own endpoints when only the token's org is wanted (for the rate limit). */
    private static final Route OWN_ENDPOINTS = new Route(Set.of(), List.of("**"), "api-gateway",
            Set.of(Route.AUTHENTICATED), Duration.ZERO, RateLimiter.Kind.ORG);

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private RouteTable table;
    private RateLimiter limiter;
    private final Map<String, CircuitBreaker> breakers = new HashMap<>();
    private final Map<Route, HttpProxy> proxies = new HashMap<>();

    void install(@Observes Router router) {
        table = RouteTable.from(config);
        limiter = new RateLimiter(config.rateLimit());
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(256));
        for (String service : config.services().keySet()) {
            CircuitBreaker breaker = new CircuitBreaker(config.breaker().failureThreshold(), config.breaker().openFor());
            breakers.put(service, breaker);
            metrics.gauge("portico.gateway.circuit.open", Tags.of("service", service), breaker,
                    b -> b.state() == CircuitBreaker.State.CLOSED ? 0 : 1);
        }
        for (Route route : table.routes()) {
            proxies.put(route, proxyFor(client, route));
        }
        router.route(RouteTable.API_PREFIX + "/*").order(1000).handler(this::handle);
        Log.infof("gateway routes: %d, services: %s", table.routes().size(), config.services().keySet());
    }

    public CircuitBreaker breaker(String service) {
        return breakers.get(service);
    }

    private HttpProxy proxyFor(HttpClient client, Route route) {
        URI target = URI.create(config.services().get(route.service()).url());
        SocketAddress address = SocketAddress.inetSocketAddress(target.getPort() == -1 ? 80 : target.getPort(),
                target.getHost());
        long timeout = route.timeout().toMillis();
        CircuitBreaker breaker = breakers.get(route.service());
        // the API has no WebSockets: skip the upgrade check on every request
        return HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .origin(context -> context.client().request(new RequestOptions()
                        .setServer(address)
                        .setIdleTimeout(timeout)))
                .addInterceptor(new UpstreamInterceptor(route.service(), breaker));
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        if (path.contains("..") || path.contains("//") || path.contains("%2F") || path.contains("%2f")) {
            Problems.send(ctx, 400, "INVALID_PATH", "The request path is not valid.", requestId(ctx));
            return;
        }
        Optional<Route> found = table.match(request.method(), path);
        if (found.isEmpty()) {
            // the gateway's own endpoints (CRM intake, OpenAPI) and unknown paths: limited like the routes, per org
            // for a valid token and per client address otherwise; the resources check the token themselves
            GatewayAuth.Outcome outcome = request.headers().contains("Authorization")
                    ? auth.check(request.headers().get("Authorization"), OWN_ENDPOINTS) : null;
            if (outcome instanceof GatewayAuth.Allowed allowed
                    ? limited(ctx, RateLimiter.Kind.ORG, allowed.orgId(), requestId(ctx))
                    : limited(ctx, RateLimiter.Kind.ANONYMOUS, clientAddress(request), requestId(ctx))) {
                return;
            }
            java.util.Set<HttpMethod> methods = table.methodsFor(path);
            if (!methods.isEmpty()) {
                // a routed path, another method (DELETE /org, say): 405 naming the methods it takes
                String allowed = String.join(", ", methods.stream().map(HttpMethod::name).toList());
                ctx.response().putHeader("Allow", allowed);
                Problems.send(ctx, 405, "METHOD_NOT_ALLOWED", "This path takes " + allowed + ".", requestId(ctx));
                return;
            }
            ctx.next();
            return;
        }
        Route route = found.get();
        long started = System.nanoTime();
        ctx.addEndHandler(done -> timer(route.service(), ctx.response().getStatusCode())
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        String requestId = requestId(ctx);
        MultiMap headers = request.headers();
        config.strippedHeaders().forEach(headers::remove);

        String length = headers.get("Content-Length");
        if (length != null && parseLong(length) > config.maxBodyBytes()) {
            Problems.send(ctx, 413, "PAYLOAD_TOO_LARGE", "The request body is larger than "
                    + config.maxBodyBytes() + " bytes.", requestId);
            return;
        }
        // (a bodiless HTTP/2 DELETE is not "ended" yet when its headers arrive: DELETE bodies are not asked for one)
        if (length == null && mayHaveBody(request.method()) && (headers.contains("Transfer-Encoding")
                || (request.version() == HttpVersion.HTTP_2 && !request.isEnded()
                        && request.method() != HttpMethod.DELETE))) {
            // chunked (HTTP/1.1) or unsized (HTTP/2) bodies could not be held to the limit, and the services
            // speak HTTP/1.1 with lengths: ask for the length, as HTTP provides (browsers and clients send it)
            Problems.send(ctx, 411, "LENGTH_REQUIRED", "Send the request body with a Content-Length header.", requestId);
            return;
        }
        String client = clientAddress(request);
        String limitKey = client;
        if (!route.isPublic()) {
            GatewayAuth.Outcome outcome = auth.check(headers.get("Authorization"), route);
            if (outcome instanceof GatewayAuth.Refused refused) {
                // no org to charge a refused request to: its client address pays
                if (refused.status() == 401 && limited(ctx, RateLimiter.Kind.ANONYMOUS, client, requestId)) {
                    return;
                }
                Problems.send(ctx, refused.status(), refused.code(), refused.detail(), requestId);
                return;
            }
            limitKey = ((GatewayAuth.Allowed) outcome).orgId();
        }
        if (limited(ctx, route.isPublic() ? route.limit() : RateLimiter.Kind.ORG, limitKey, requestId)) {
            return;
        }
        CircuitBreaker breaker = breakers.get(route.service());
        if (!breaker.allow()) {
            ctx.response().putHeader("Retry-After", String.valueOf(breaker.retryAfterSeconds()));
            Problems.send(ctx, 503, "CIRCUIT_OPEN", "The " + route.service()
                    + " service is failing; requests to it are paused.", requestId);
            return;
        }
        headers.set(RequestIds.HEADER, requestId);
        headers.set("X-Forwarded-For", client);
        // the public address comes from configuration: a client's Host header must not end up in links
        headers.set("X-Forwarded-Proto", publicBase.getScheme());
        headers.set("X-Forwarded-Host", publicBase.getRawAuthority());
        proxies.get(route).handle(request);
    }

    /** Takes a token from the bucket; when there is none, answers 429 with Retry-After and returns true. */
    private boolean limited(RoutingContext ctx, RateLimiter.Kind kind, String key, String requestId) {
        long retryAfter = limiter.acquire(kind, key);
        if (retryAfter <= 0) {
            return false;
        }
        ctx.response().putHeader("Retry-After", String.valueOf(retryAfter));
        Problems.send(ctx, 429, "RATE_LIMITED", "Too many requests; retry in " + retryAfter + " s.", requestId);
        return true;
    }

    private static boolean mayHaveBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH
                || method == HttpMethod.DELETE;
    }

    /** {@code portico.gateway.requests}: time and count per service and status class (2xx, 4xx, …). */
    private Timer timer(String service, int status) {
        String outcome = (status / 100) + "xx";
        return timers.computeIfAbsent(service + outcome, key -> Timer.builder("portico.gateway.requests")
                .description("Requests the gateway routed, by service and status class")
                .tag("service", service).tag("status", outcome).register(metrics));
    }

    private static String requestId(RoutingContext ctx) {
        String id = ctx.get(RequestIds.MDC_KEY);
        if (id == null) {
            id = RequestIds.acceptOrCreate(ctx.request().getHeader(RequestIds.HEADER));
            ctx.put(RequestIds.MDC_KEY, id);
        }
        return id;
    }

    private static String clientAddress(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    @Scheduled(every = "60s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void evictRateLimitBuckets() {
        if (limiter != null) {
            limiter.evictIdle();
        }
    }

    /** Turns an upstream that is down or too slow into 503/504 problem+json and feeds the circuit breaker. */
    private static final class UpstreamInterceptor implements ProxyInterceptor {

        private final String service;
        private final CircuitBreaker breaker;

        UpstreamInterceptor(String service, CircuitBreaker breaker) {
            this.service = service;
            this.breaker = breaker;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            String requestId = context.request().headers().get(RequestIds.HEADER);
            return context.sendRequest()
                    .map(response -> {
                        breaker.success();
                        return response;
                    })
                    .recover(failure -> {
                        breaker.failure();
                        boolean timedOut = failure instanceof TimeoutException;
                        int status = timedOut ? 504 : 503;
                        String code = timedOut ? "UPSTREAM_TIMEOUT" : "SERVICE_UNAVAILABLE";
                        String detail = timedOut ? "The " + service + " service did not answer in time."
                                : "The " + service + " service is not reachable.";
                        Log.warnf("%s %s -> %s: %s (request %s)", context.request().getMethod(),
                                context.request().getURI(), service, failure.toString(), requestId);
                        ProxyResponse response = context.request().response()
                                .setStatusCode(status)
                                .putHeader(RequestIds.HEADER, requestId)
                                .putHeader("Content-Type", dev.portico.kit.problem.Problem.MEDIA_TYPE)
                                .setBody(Body.body(Problems.body(status, code, detail, requestId)));
                        return Future.succeededFuture(response);
                    });
        }

        /** Every answer carries the request id, whether or not the service echoed it. */
        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            String requestId = context.request().headers().get(RequestIds.HEADER);
            if (requestId != null) {
                context.response().headers().set(RequestIds.HEADER, requestId);
            }
            return context.sendResponse();
        }
    }
}
