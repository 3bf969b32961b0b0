package dev.portico.gateway.proxy;

import dev.portico.kit.security.TokenRules;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies bearer tokens at the front door (signature, issuer, expiry, then the kit's {@link TokenRules}:
 * {@code org} and {@code scope} strings, {@code iat}, maximum lifetime) with the same key configuration and
 * rules the services use, and checks a route's scopes. Services verify the token again.
 * A verified token is remembered until it expires (keyed by its exact text, so nothing unverified is
 * ever trusted), which spares the RSA check on every request of a session.
 */
@ApplicationScoped
public class GatewayAuth {

    private static final int CACHE_LIMIT = 20_000;

    @Inject
    JWTParser parser;

    @Inject
    TokenRules rules;

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(String orgId, Set<String> scopes, long expiresAt) {
    }

    public sealed interface Outcome permits Allowed, Refused {
    }

    public record Allowed(String orgId, Set<String> scopes) implements Outcome {
    }

    public record Refused(int status, String code, String detail) implements Outcome {
    }

    public Outcome check(String authorization, Route route) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Refused(401, "UNAUTHENTICATED", "A bearer token is required.");
        }
        String token = authorization.substring(7).trim();
        Verified claims = verified.get(token);
        if (claims == null || claims.expiresAt() <= System.currentTimeMillis() / 1000) {
            verified.remove(token);
            JsonWebToken jwt;
            try {
                jwt = parser.parse(token);
            } catch (ParseException | RuntimeException e) {
                return new Refused(401, "INVALID_TOKEN", "The bearer token is invalid, expired or not from a trusted issuer.");
            }
            String refusal = rules.refusal(jwt);
            if (refusal != null) {
                return new Refused(401, "INVALID_TOKEN", refusal);
            }
            claims = new Verified(TokenRules.org(jwt), TokenRules.scopes(jwt), jwt.getExpirationTime());
            if (verified.size() >= CACHE_LIMIT) {
                verified.clear();
            }
            verified.put(token, claims);
        }
        Set<String> required = route.requiredScopes();
        if (!required.isEmpty() && required.stream().noneMatch(claims.scopes()::contains)) {
            return new Refused(403, "MISSING_SCOPE",
                    "This operation needs the scope " + String.join(" or ", required.stream().sorted().toList()) + ".");
        }
        return new Allowed(claims.orgId(), claims.scopes());
    }
}
