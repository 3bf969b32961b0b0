package dev.portico.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "portico.gateway")
public interface GatewayConfig {

    /** Where each service listens, by the name routes use. */
    Map<String, Service> services();

    /**
     * The route table, first match wins. {@code match} is "METHODS PATH": METHODS is {@code *} or a comma
     * list; PATH is below /api/v1, where {@code *} is one segment and a final {@code **} any number.
     */
    List<RouteSpec> routes();

    /** Upstream time-out of routes that do not name their own. */
    @WithDefault("10s")
    Duration defaultTimeout();

    @WithDefault("2s")
    Duration connectTimeout();

    /** Largest request body the gateway forwards. */
    @WithDefault("2097152")
    long maxBodyBytes();

    /**
     * Largest CRM event, as published (JSON bytes of the event, key included); Kafka refuses records over its
     * {@code max.request.size} (1 MiB), so a larger event is refused before anything of its request is published.
     */
    @WithDefault("1000000")
    int crmMaxEventBytes();

    /** Identity headers a client must not be able to set; removed before forwarding. */
    @WithDefault("x-org-id,x-portico-org,x-portico-user,x-portico-scopes,x-forwarded-user,x-remote-user,x-user-id,x-authenticated-userid")
    List<String> strippedHeaders();

    RateLimits rateLimit();

    /** Headers every answer carries (security headers), unless the service already set them. */
    Map<String, String> responseHeaders();

    /** Headers answers below /api carry in addition (no caching of tenant data by browsers or proxies). */
    Map<String, String> apiResponseHeaders();

    /**
     * Headers the documentation pages (Swagger UI, below /q/swagger-ui) carry instead of the general ones of
     * the same name: its page runs scripts and styles of its own, which the API's policy forbids.
     */
    Map<String, String> docsResponseHeaders();

    Breaker breaker();

    interface Service {
        String url();
    }

    interface RouteSpec {
        String match();

        String service();

        /** Any one of these scopes; {@code public} needs no token, {@code authenticated} any valid token. */
        @WithDefault("authenticated")
        List<String> scopes();

        Optional<Duration> timeout();

        /** Which rate limit applies: {@code org} (per org), {@code public} or {@code accept} (per client address). */
        @WithDefault("org")
        String limit();
    }

    interface RateLimits {
        /** Requests per second per org through the API, and the burst it may save up. */
        @WithDefault("200")
        double orgPerSecond();

        @WithDefault("400")
        int orgBurst();

        /** Public routes per client address. */
        @WithDefault("5")
        double publicPerSecond();

        @WithDefault("30")
        int publicBurst();

        /**
         * Requests without a valid token (none, invalid, expired) per client address, on any path below
         * /api/v1: refusing them costs a signature check each, so they are limited too.
         */
        @WithDefault("10")
        double anonymousPerSecond();

        @WithDefault("50")
        int anonymousBurst();

        /** Invitation acceptance per client address: token guessing must be slow. */
        @WithDefault("0.2")
        double acceptPerSecond();

        @WithDefault("10")
        int acceptBurst();
    }

    interface Breaker {
        /** Consecutive failures (refused, timed out) that open a service's circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 at once before one trial request is let through. */
        @WithDefault("5s")
        Duration openFor();
    }
}
