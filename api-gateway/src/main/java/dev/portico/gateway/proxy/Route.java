package dev.portico.gateway.proxy;

import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One row of the route table: which requests it takes (methods and a path pattern below /api/v1), the
 * service that owns them, and what the caller needs.
 */
public record Route(Set<HttpMethod> methods, List<String> pattern, String service, Set<String> scopes,
        Duration timeout, RateLimiter.Kind limit) {

    public static final String PUBLIC = "public";
    public static final String AUTHENTICATED = "authenticated";

    public boolean isPublic() {
        return scopes.contains(PUBLIC);
    }

    /** Matches segments of the path below /api/v1 ({@code *} one segment, trailing {@code **} zero or more). */
    public boolean matches(HttpMethod method, List<String> segments) {
        return (methods.isEmpty() || methods.contains(method)) && matchesPath(segments);
    }

    /** Whether the path is this route's, whatever the method. */
    public boolean matchesPath(List<String> segments) {
        for (int i = 0; i < pattern.size(); i++) {
            String part = pattern.get(i);
            if (part.equals("**")) {
                return true;
            }
            if (i >= segments.size() || !(part.equals("*") || part.equals(segments.get(i)))) {
                return false;
            }
        }
        return segments.size() == pattern.size();
    }

    /** The scopes a caller needs, or an empty set when any valid token does. */
    public Set<String> requiredScopes() {
        return scopes.contains(AUTHENTICATED) ? Set.of() : scopes;
    }
}
