package dev.portico.kit.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a verified token must also be, beyond signature, issuer and expiry (which smallrye-jwt checks), for
 * the services ({@link ScopeFilter}) and the gateway alike: {@code org} a non-blank string, {@code scope} a
 * space-separated string (or absent), {@code iat} present and not in the future beyond the clock skew, and
 * a lifetime ({@code exp - iat}) of at most {@code portico.jwt.max-lifetime}.
 */
@ApplicationScoped
public class TokenRules {

    @ConfigProperty(name = "portico.jwt.max-lifetime", defaultValue = "24H")
    Duration maxLifetime;

    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    long clockSkewSeconds;

    /** @return why the token is refused (the detail of a 401 {@code INVALID_TOKEN}), or null when it is fine. */
    public String refusal(JsonWebToken jwt) {
        if (org(jwt) == null) {
            return jwt.getClaim(Scopes.ORG_CLAIM) == null ? "The bearer token has no 'org' claim."
                    : "The bearer token's 'org' claim must be a string.";
        }
        Object scope = jwt.getClaim(Scopes.SCOPE_CLAIM);
        if (scope != null && text(scope) == null) {
            return "The bearer token's 'scope' claim must be a space-separated string.";
        }
        long issuedAt = jwt.getIssuedAtTime();
        if (issuedAt <= 0) {
            return "The bearer token has no 'iat' claim.";
        }
        long now = System.currentTimeMillis() / 1000;
        if (issuedAt > now + clockSkewSeconds) {
            return "The bearer token is issued in the future.";
        }
        if (jwt.getExpirationTime() - issuedAt > maxLifetime.toSeconds()) {
            return "The bearer token lives longer than the allowed " + maxLifetime.toHours() + " h.";
        }
        return null;
    }

    /** The token's org when it is a non-blank string, otherwise null. */
    public static String org(JsonWebToken jwt) {
        String org = text(jwt.getClaim(Scopes.ORG_CLAIM));
        return org == null || org.isBlank() ? null : org;
    }

    /** The scopes of the token's space-separated {@code scope} claim (none when it is absent or not a string). */
    public static Set<String> scopes(JsonWebToken jwt) {
        String scope = text(jwt.getClaim(Scopes.SCOPE_CLAIM));
        return scope == null ? Set.of()
                : Arrays.stream(scope.split("\\s+")).filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    private static String text(Object claim) {
        if (claim instanceof String s) {
            return s;
        }
        if (claim instanceof JsonString s) {
            return s.getString();
        }
        return null;
    }
}
