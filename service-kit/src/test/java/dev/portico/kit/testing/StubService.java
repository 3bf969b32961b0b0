package dev.portico.kit.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Another Portico service as a test resource: a small real HTTP server on a free port, and the REST client
 * ({@code quarkus.rest-client.<key>.url}) pointed at it. Subclasses answer the requests.
 */
public abstract class StubService implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    /** The REST client configuration key of the service stood in for, e.g. {@code portal-config}. */
    protected abstract String clientKey();

    /** Answers one request; the exchange is closed afterwards. */
    protected abstract void handle(HttpExchange exchange) throws IOException;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try {
                handle(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return Map.of("quarkus.rest-client." + clientKey() + ".url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers with a status and, unless {@code body} is empty, a body of that content type. */
    protected static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
