package dev.portico.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The merged OpenAPI document the gateway serves at {@code GET /api/v1/openapi.json}, and its committed snapshot
 * {@code docs/openapi.json} that the build generates the Java client from.
 */
final class OpenApiDocument {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static JsonNode live;

    private OpenApiDocument() {
    }

    /** The document as the running gateway merges it; fails when a service's part is missing. */
    static synchronized JsonNode live() {
        if (live == null) {
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(Stack.gateway() + "/api/v1/openapi.json"))
                                .timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET /api/v1/openapi.json: HTTP " + response.statusCode());
                }
                JsonNode doc = sorted(JSON.readTree(response.body()));
                if (doc.has("x-portico-unavailable")) {
                    throw new IllegalStateException("the gateway could not read every service's OpenAPI: "
                            + doc.get("x-portico-unavailable"));
                }
                Path copy = Stack.root().resolve("system-tests/target/openapi.json");
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, text(doc));
                live = doc;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return live;
    }

    static Path snapshot() {
        return Stack.root().resolve("docs/openapi.json");
    }

    /** The file's form: two-space indented, object keys sorted (arrays keep their order), a final newline. */
    static String text(JsonNode doc) throws IOException {
        return JSON.writeValueAsString(sorted(doc)) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode copy = JSON.createObjectNode();
            names.forEach(name -> copy.set(name, sorted(object.get(name))));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
