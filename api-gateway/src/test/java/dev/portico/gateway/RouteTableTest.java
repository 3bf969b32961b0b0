package dev.portico.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.gateway.config.GatewayConfig;
import dev.portico.gateway.proxy.Route;
import dev.portico.gateway.proxy.RouteTable;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.HttpMethod;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every row of DESIGN §4 goes to the service that owns it, with the scopes it names. */
@QuarkusTest
class RouteTableTest {

    @Inject
    GatewayConfig config;

    @Test
    void designRoutesGoToTheirOwners() {
        RouteTable table = RouteTable.from(config);
        check(table, "GET", "/org", "portal-config", Set.of());
        check(table, "PUT", "/org", "portal-config", Set.of("org.admin"));
        check(table, "GET", "/modules", "portal-config", Set.of("portal.config"));
        check(table, "PUT", "/modules/Policies", "portal-config", Set.of("portal.config"));
        check(table, "POST", "/portals", "portal-config", Set.of("portal.config"));
        check(table, "GET", "/portals", "portal-config", Set.of("portal.config", "portal.users"));
        check(table, "PATCH", "/portals/p1", "portal-config", Set.of("portal.config"));
        check(table, "DELETE", "/portals/p1/user-types/t1", "portal-config", Set.of("portal.config"));
        check(table, "GET", "/portals/p1/user-types/t1", "portal-config", Set.of("portal.config", "portal.users"));
        check(table, "GET", "/portal-urls/acme", "portal-config", Set.of("public"));
        check(table, "GET", "/portals/p1/users", "portal-user", Set.of("portal.users"));
        check(table, "GET", "/portals/p1/users/counts", "portal-user", Set.of("portal.users"));
        check(table, "POST", "/portals/p1/users/bulk", "portal-user", Set.of("portal.users"));
        check(table, "GET", "/portals/p1/users/u1/access/Deals", "portal-user", Set.of("portal.users"));
        check(table, "POST", "/portals/p1/invitations", "portal-user", Set.of("portal.users"));
        check(table, "GET", "/portals/p1/invitations", "invitation", Set.of("portal.users"));
        check(table, "GET", "/jobs/j1/items", "portal-user", Set.of("portal.users"));
        check(table, "GET", "/portals/p1/jobs", "portal-user", Set.of("portal.users"));
        check(table, "POST", "/invitations/accept", "invitation", Set.of("public"));
        check(table, "PUT", "/portals/p1/invitation-templates/fr", "invitation", Set.of("portal.config"));
        check(table, "POST", "/portals/p1/invitation-templates/fr/preview", "invitation", Set.of("portal.config"));
        check(table, "POST", "/portals/p1/auto-invites/c1/enable", "auto-invite", Set.of("portal.config"));
        check(table, "GET", "/portals/p1/auto-invites/failures", "auto-invite", Set.of("portal.users"));
        assertThat(table.match(HttpMethod.POST, "/api/v1/crm/events")).as("the gateway's own").isEmpty();
        assertThat(table.match(HttpMethod.GET, "/api/v1/openapi.json")).isEmpty();
    }

    private static void check(RouteTable table, String method, String path, String service, Set<String> scopes) {
        Route route = table.match(HttpMethod.valueOf(method), "/api/v1" + path).orElseThrow(
                () -> new AssertionError("no route for " + method + " " + path));
        assertThat(route.service()).as(method + " " + path).isEqualTo(service);
        assertThat(route.requiredScopes()).as(method + " " + path).isEqualTo(scopes);
    }
}
