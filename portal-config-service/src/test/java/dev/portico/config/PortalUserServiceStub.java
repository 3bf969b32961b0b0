package dev.portico.config;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for portal-user-service's side of a user type's deletion (the retirement; the real one is proven in
 * portal-user-service and end to end in system-tests). It answers 204 unless a test sets another answer, and keeps
 * the requests it got. Registered for every test of this module (one application for them all).
 */
public class PortalUserServiceStub implements QuarkusTestResourceLifecycleManager {

    /** What the stub was asked: method and path with query. */
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static volatile int status = 204;
    private static volatile String body = "";
    private HttpServer server;

    /** The next answers, until {@link #reset()}. */
    public static void answer(int status, String problemJson) {
        PortalUserServiceStub.status = status;
        PortalUserServiceStub.body = problemJson == null ? "" : problemJson;
    }

    public static void reset() {
        answer(204, null);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            REQUESTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            if (answer.length == 0) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        return Map.of("quarkus.rest-client.portal-users.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
