package dev.portico.devstack;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code bin/portico token --org ID --scope "…" [--sub …] [--ttl 1h]}: prints an RS256 JWT signed with
 * the development key, which only the local, dev and test profiles trust.
 */
public final class TokenCli {

    public static final String ISSUER = "https://portico.local";

    private TokenCli() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("unexpected argument: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        String org = options.get("org");
        if (org == null || org.isBlank()) {
            usage("--org is required");
        }
        String scope = options.getOrDefault("scope", "org.admin portal.config portal.users crm.events");
        String sub = options.getOrDefault("sub", "admin@" + org);
        Duration ttl = parseDuration(options.getOrDefault("ttl", "8h"));
        System.out.println(sign(org, scope, sub, ttl));
    }

    public static String sign(String org, String scope, String sub, Duration ttl) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + json(ISSUER) + "\",\"sub\":\"" + json(sub) + "\",\"org\":\"" + json(org)
                + "\",\"scope\":\"" + json(scope) + "\",\"iat\":" + now + ",\"exp\":" + (now + ttl.toSeconds())
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(devKey());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(signature.sign());
    }

    private static PrivateKey devKey() throws Exception {
        try (InputStream in = TokenCli.class.getResourceAsStream("/dev-jwt-private.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
    }

    private static Duration parseDuration(String text) {
        char unit = text.charAt(text.length() - 1);
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("--ttl takes a number and s, m, h or d, e.g. 8h");
        };
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void usage(String problem) {
        System.err.println("portico token: " + problem);
        System.err.println("usage: bin/portico token --org ID [--scope \"portal.config portal.users\"] [--sub NAME] [--ttl 8h]");
        System.exit(2);
    }
}
