package dev.portico.invitations.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** Invitation tokens: 256 random bits, base64url in the mail link, only their SHA-256 in the database. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    private Tokens() {
    }

    public record Token(String value, byte[] hash) {
    }

    public static Token generate() {
        byte[] raw = new byte[BYTES];
        RANDOM.nextBytes(raw);
        return new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), sha256(raw));
    }

    /** The hash to look {@code token} up by; empty when it cannot be one of ours. */
    public static Optional<byte[]> hash(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token);
            return raw.length == BYTES ? Optional.of(sha256(raw)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(byte[] raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
