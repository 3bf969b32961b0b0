package dev.portico.invitations;

import com.sun.net.httpserver.HttpExchange;
import dev.portico.kit.testing.StubService;
import java.io.IOException;

/**
 * Stands in for portal-config-service behind the config directory's read-through: it knows no portal and no
 * org (404), as the real service answers for another org's objects. Tests publish what the directory should
 * know as config events.
 */
public class ConfigServiceStub extends StubService {

    @Override
    protected String clientKey() {
        return "portal-config";
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        respond(exchange, 404, null, null);
    }
}
