package dev.portico.gateway.proxy;

import dev.portico.gateway.config.GatewayConfig;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per org (the API) or per client address (public routes, invitation acceptance, and requests
 * without a valid token, which cannot be told apart by org). Each
 * gateway replica keeps its own buckets: with N replicas an org gets up to N times the configured rate,
 * which is the trade for keeping the hot path free of a shared store.
 */
public final class RateLimiter {

    public enum Kind {
        ORG, PUBLIC, ACCEPT, ANONYMOUS;

        static Kind of(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final GatewayConfig.RateLimits limits;

    public RateLimiter(GatewayConfig.RateLimits limits) {
        this.limits = limits;
    }

    /** @return 0 when the request may pass, otherwise the seconds to wait before retrying. */
    public long acquire(Kind kind, String key) {
        double rate;
        int burst;
        switch (kind) {
            case ORG -> {
                rate = limits.orgPerSecond();
                burst = limits.orgBurst();
            }
            case PUBLIC -> {
                rate = limits.publicPerSecond();
                burst = limits.publicBurst();
            }
            case ANONYMOUS -> {
                rate = limits.anonymousPerSecond();
                burst = limits.anonymousBurst();
            }
            default -> {
                rate = limits.acceptPerSecond();
                burst = limits.acceptBurst();
            }
        }
        Bucket bucket = buckets.computeIfAbsent(kind + ":" + key, k -> new Bucket(burst));
        return bucket.take(rate, burst, System.nanoTime());
    }

    /** Forgets buckets that have refilled completely: they hold no information. */
    public void evictIdle() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(e -> now - e.getValue().updated > 600_000_000_000L);
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(int burst) {
            this.tokens = burst;
            this.updated = System.nanoTime();
        }

        synchronized long take(double rate, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - updated) / 1e9 * rate);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }
    }
}
