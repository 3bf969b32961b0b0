package dev.portico.kit.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;

/** Tokens for tests, signed with the development key that the test profile trusts (or, on purpose, not). */
public final class TestTokens {

    public static final String ISSUER = "https://portico.local";
    public static final String ALL_SCOPES = "org.admin portal.config portal.users crm.events";

    private TestTokens() {
    }

    public static String token(String org, String scope) {
        return claims(org, scope).sign(devKey());
    }

    public static String bearer(String org, String scope) {
        return "Bearer " + token(org, scope);
    }

    public static JwtClaimsBuilder claims(String org, String scope) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER).subject("tester@" + org).claim("scope", scope)
                .issuedAt(Instant.now()).expiresIn(Duration.ofHours(1));
        if (org != null) {
            builder.claim("org", org);
        }
        return builder;
    }

    /** Signs claims built with {@link #claims} (and changed by a test) with the development key. */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.sign(devKey());
    }

    public static String expired(String org, String scope) {
        return claims(org, scope).issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(devKey());
    }

    public static String wrongIssuer(String org, String scope) {
        return claims(org, scope).issuer("https://evil.example").sign(devKey());
    }

    /** Signed with a freshly generated key that nobody trusts. */
    public static String wrongSignature(String org, String scope) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return claims(org, scope).sign(pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String devKey() {
        return "dev-jwt-private.pem";
    }
}
