package dev.portico.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.portico.kit.testing.DevTokenCli;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GatewayHealthTest {

    /** The management interface (full health, metrics), on its own port. */
    @TestHTTPResource(value = "/q", management = true)
    URL management;

    @Test
    void readyWithKafkaAndServesMetricsOnTheManagementPort() {
        given().port(management.getPort()).when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka connection health check"));
        given().port(management.getPort()).when().get("/q/health/live").then().statusCode(200);
        new Api().admin().when().get("/api/v1/stub/echo").then().statusCode(200);
        given().port(management.getPort()).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("portico_gateway_requests_seconds_count{service=\"stub\",status=\"2xx\"}"));
    }

    @Test
    void publicPortAnswersLivenessAndReadinessOnlyWithoutDetailsOrMetrics() {
        given().when().get("/q/health/ready").then().statusCode(200).header("Cache-Control", "no-store")
                .body("status", equalTo("UP")).body("$", not(hasKey("checks")));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().head("/q/health/ready").then().statusCode(200);
        given().when().head("/q/health/live").then().statusCode(200);
        for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/started"}) {
            given().when().get(path).then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void acceptsTheTokenThatBinPorticoPrints() {
        String org = "org-cli-" + System.nanoTime();
        String token = DevTokenCli.token(org, "portal.config portal.users");
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/portals").then().statusCode(200)
                .body("total", equalTo(0));
        given().header("Authorization", "Bearer " + DevTokenCli.token(org, "crm.events"))
                .when().get("/api/v1/portals").then().statusCode(403).body("code", equalTo("MISSING_SCOPE"));
    }
}
