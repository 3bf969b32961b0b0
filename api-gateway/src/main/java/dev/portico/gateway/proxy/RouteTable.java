package dev.portico.gateway.proxy;

import dev.portico.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The configured routes, parsed once; first match wins. */
public final class RouteTable {

    public static final String API_PREFIX = "/api/v1";

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static RouteTable from(GatewayConfig config) {
        List<Route> routes = new ArrayList<>();
        for (GatewayConfig.RouteSpec spec : config.routes()) {
            String[] parts = spec.match().trim().split("\\s+");
            if (parts.length != 2 || !parts[1].startsWith("/")) {
                throw new IllegalArgumentException("route match must be 'METHODS /path', got: " + spec.match());
            }
            if (!config.services().containsKey(spec.service())) {
                throw new IllegalArgumentException("route " + spec.match() + " names unknown service " + spec.service());
            }
            Set<HttpMethod> methods = new LinkedHashSet<>();
            if (!parts[0].equals("*")) {
                Arrays.stream(parts[0].split(",")).map(m -> HttpMethod.valueOf(m.trim().toUpperCase(Locale.ROOT)))
                        .forEach(methods::add);
            }
            routes.add(new Route(methods, segments(parts[1]), spec.service(), new LinkedHashSet<>(spec.scopes()),
                    spec.timeout().orElse(config.defaultTimeout()), RateLimiter.Kind.of(spec.limit())));
        }
        return new RouteTable(routes);
    }

    /** The route for a request path (already known to start with /api/v1), if any. */
    public Optional<Route> match(HttpMethod method, String path) {
        List<String> segments = segments(path.substring(API_PREFIX.length()));
        for (Route route : routes) {
            if (route.matches(method, segments)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** The methods some route takes on this path; empty when no route serves the path at all. */
    public java.util.Set<HttpMethod> methodsFor(String path) {
        List<String> segments = segments(path.substring(API_PREFIX.length()));
        java.util.Set<HttpMethod> methods = new java.util.TreeSet<>(java.util.Comparator.comparing(HttpMethod::name));
        for (Route route : routes) {
            if (route.matchesPath(segments)) {
                if (route.methods().isEmpty()) {
                    return java.util.Set.of();
                }
                methods.addAll(route.methods());
            }
        }
        return methods;
    }

    public List<Route> routes() {
        return routes;
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }
}
