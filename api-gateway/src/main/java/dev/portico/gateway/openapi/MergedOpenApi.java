package dev.portico.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole API in one OpenAPI document: each service's {@code /q/openapi} and the gateway's own, merged
 * (paths, schemas, tags), cached and refreshed. A service that cannot be read is listed under
 * {@code x-portico-unavailable} instead of silently missing.
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper mapper;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile ObjectNode document;
    private volatile Instant builtAt = Instant.EPOCH;
    private volatile int selfPort;

    /** The merged document, rebuilt when older than 30 s or when a service was missing last time. */
    public synchronized ObjectNode document(int selfPort) {
        this.selfPort = selfPort;
        boolean incomplete = document != null && document.has("x-portico-unavailable");
        if (document == null || incomplete || Instant.now().isAfter(builtAt.plus(MAX_AGE))) {
            document = build(selfPort);
            builtAt = Instant.now();
        }
        return document;
    }

    @Scheduled(every = "60s", delayed = "10s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void refresh() {
        if (document != null) {
            document = build(selfPort);
            builtAt = Instant.now();
        }
    }

    ObjectNode build(int selfPort) {
        ObjectNode merged = mapper.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Portico API");
        info.put("version", "0.1.0");
        info.put("description", "Customer portals for any CRM. Every endpoint is under /api/v1 on the gateway; "
                + "errors are application/problem+json with a stable `code`. Authenticate with a bearer JWT "
                + "carrying `org` and `scope`.");
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        merged.putArray("security").addObject().putArray("bearer");
        Map<String, JsonNode> tags = new TreeMap<>();
        ObjectNode unavailable = mapper.createObjectNode();
        ObjectNode conflicts = mapper.createObjectNode();

        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("api-gateway", "http://127.0.0.1:" + selfPort);
        config.services().forEach((name, service) -> sources.put(name, service.url()));
        Map<String, CompletableFuture<JsonNode>> fetches = new LinkedHashMap<>();
        sources.forEach((name, url) -> fetches.put(name, fetch(url + "/q/openapi?format=json")));
        for (Map.Entry<String, CompletableFuture<JsonNode>> source : fetches.entrySet()) {
            try {
                mergeInto(source.getKey(), source.getValue().join(), paths, schemas, tags, conflicts);
            } catch (Exception e) {
                Throwable cause = e;
                while ((cause instanceof CompletionException || cause instanceof UncheckedIOException)
                        && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                unavailable.put(source.getKey(), cause.getClass().getSimpleName() + ": " + cause.getMessage());
                Log.warnf("OpenAPI of %s unavailable: %s", source.getKey(), cause.toString());
            }
        }
        ArrayNode tagList = merged.putArray("tags");
        tags.values().forEach(tagList::add);
        if (!unavailable.isEmpty()) {
            merged.set("x-portico-unavailable", unavailable);
        }
        if (!conflicts.isEmpty()) {
            merged.set("x-portico-schema-conflicts", conflicts);
        }
        return merged;
    }

    /** All services are read at once: the document takes as long as the slowest, not the sum of them. */
    private CompletableFuture<JsonNode> fetch(String url) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(FETCH_TIMEOUT).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    try {
                        return mapper.readTree(response.body());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /**
     * A schema name two services define differently keeps the later one and is listed under
     * {@code x-portico-schema-conflicts} (the contract lint fails on it): one would silently describe the other's
     * responses.
     */
    private static void mergeInto(String service, JsonNode doc, ObjectNode paths, ObjectNode schemas,
            Map<String, JsonNode> tags, ObjectNode conflicts) {
        doc.path("paths").fields().forEachRemaining(path -> {
            ObjectNode target = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey()) : paths.putObject(path.getKey());
            path.getValue().fields().forEachRemaining(op -> target.set(op.getKey(), op.getValue()));
        });
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("components").path("schemas").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            JsonNode earlier = schemas.get(schema.getKey());
            if (earlier != null && !earlier.equals(schema.getValue())) {
                conflicts.put(schema.getKey(), "redefined by " + service);
            }
            schemas.set(schema.getKey(), schema.getValue());
        }
        doc.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asText(), tag));
    }
}
