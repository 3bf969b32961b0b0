package dev.portico.config;

import com.sun.net.httpserver.HttpExchange;
import dev.portico.kit.testing.StubService;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for portal-user-service's side of a user type's deletion (the retirement; the real one is proven in
 * portal-user-service and end to end in system-tests). It answers 204 unless a test sets another answer, and keeps
 * the requests it got. Registered for every test of this module (one application for them all).
 */
public class PortalUserServiceStub extends StubService {

    /** What the stub was asked: method and path with query. */
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static volatile int status = 204;
    private static volatile String body = "";

    /** The next answers, until {@link #reset()}. */
    public static void answer(int status, String problemJson) {
        PortalUserServiceStub.status = status;
        PortalUserServiceStub.body = problemJson == null ? "" : problemJson;
    }

    public static void reset() {
        answer(204, null);
    }

    @Override
    protected String clientKey() {
        return "portal-users";
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        REQUESTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        respond(exchange, status, "application/problem+json", body);
    }
}
