package dev.portico.kit.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every Portico service promises, whatever its domain: health with its dependencies, metrics,
 * OpenAPI, tokens from {@code bin/portico token} accepted with the right scope only, and the kit's input
 * rules, body limit, token rules and security headers. A service's
 * test extends it and names one protected endpoint.
 */
public abstract class ServiceContractTest {

    /** The management interface (health, metrics), on its own port. */
    @TestHTTPResource(value = "/q", management = true)
    URL management;

    /** A GET endpoint under /api/v1 that needs {@link #scope()}; {@code {portal}} is replaced by an id. */
    protected abstract String protectedPath();

    protected abstract String scope();

    /** A scope that is not enough for {@link #protectedPath()}. */
    protected abstract String otherScope();

    protected List<String> readinessChecks() {
        return List.of("Database connections health check", "Kafka connection health check");
    }

    /** The portal {@code {portal}} stands for; a service that checks portals exist makes one of {@code org}'s. */
    protected String portalOf(String org) {
        return UUID.randomUUID().toString();
    }

    private String path() {
        return path("org-" + UUID.randomUUID());
    }

    private String path(String org) {
        return "/api/v1" + protectedPath().replace("{portal}", portalOf(org));
    }

    @Test
    void readyWhenItsDependenciesAre() {
        given().port(management.getPort()).when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(readinessChecks().toArray()));
        given().port(management.getPort()).when().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void healthAndMetricsAreNotOnTheApiPort() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics")) {
            given().when().get(path).then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void servesMetricsAndOpenApi() {
        given().when().get(path()).then().statusCode(401);
        given().port(management.getPort()).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_count"));
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1" + protectedPath().replace("{portal}", "{portalId}")))
                .body("components.schemas", hasKey("Problem"));
    }

    @Test
    void acceptsTheTokenThatBinPorticoPrints() {
        String org = "org-" + UUID.randomUUID();
        String token = DevTokenCli.token(org, scope());
        given().header("Authorization", "Bearer " + token).when().get(path(org)).then().statusCode(200);
    }

    /** The service's {@code quarkus.http.limits.max-body-size}: the kit's 2M unless the service sets another. */
    protected int maxBodyBytes() {
        return 2 * 1024 * 1024;
    }

    @Test
    void badInputAndOversizedBodiesAreProblemsWithSecurityHeaders() {
        String bearer = TestTokens.bearer("org-" + UUID.randomUUID(), scope());
        given().header("Authorization", bearer).urlEncodingEnabled(false).when().get(path() + "?q=a%00b")
                .then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_CHARACTERS"))
                .body("errors[0].field", equalTo("q"))
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().header("Authorization", bearer).contentType("application/json")
                .body("{\"x\":\"" + "x".repeat(maxBodyBytes() + 10) + "\"}")
                .when().post(path()).then().statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("PAYLOAD_TOO_LARGE"));
        // over the API's limits, far below the HTTP decoder's (which would answer with an empty body)
        given().header("Authorization", bearer).urlEncodingEnabled(false)
                .when().get(path() + "?q=" + "a".repeat(5000)).then().statusCode(414)
                .contentType("application/problem+json").body("code", equalTo("URI_TOO_LONG"));
        given().header("Authorization", bearer).header("X-Padding", "a".repeat(21 * 1024))
                .when().get(path()).then().statusCode(431)
                .contentType("application/problem+json").body("code", equalTo("HEADERS_TOO_LARGE"));
        given().header("Authorization", "Bearer " + TestTokens.sign(TestTokens.claims("org-x", scope())
                        .claim("org", List.of("org-x", "org-y"))))
                .when().get(path()).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("INVALID_TOKEN"));
    }

    @Test
    void refusesMissingTokenAndMissingScope() {
        given().when().get(path()).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        given().header("Authorization", TestTokens.bearer("org-x", otherScope())).when().get(path())
                .then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("MISSING_SCOPE"))
                .body("detail", containsString(scope()));
    }
}
