package dev.portico.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CorsAndOpenApiTest {

    @Test
    void preflightFromAConfiguredOriginIsAllowedAndOthersAreNot() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/portals").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/portals").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void mergedOpenApiHoldsEveryRouteOfEveryRunningServiceAndNamesTheMissing() {
        JsonPath document = given().when().get("/api/v1/openapi.json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = document.getMap("paths");
        for (String service : DownstreamServices.services()) {
            JsonPath own = given().baseUri("http://127.0.0.1:" + DownstreamServices.PORTS.get(service))
                    .when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
            Map<String, Map<String, Object>> ownPaths = own.getMap("paths");
            assertThat(ownPaths).as(service + " has routes").isNotEmpty();
            ownPaths.forEach((path, operations) -> {
                assertThat(paths).as(service + " " + path).containsKey(path);
                @SuppressWarnings("unchecked")
                Map<String, Object> merged = (Map<String, Object>) paths.get(path);
                assertThat(merged).containsKeys(operations.keySet().toArray(String[]::new));
            });
        }
        assertThat(paths).containsKeys("/api/v1/crm/events", "/api/v1/portals", "/api/v1/portals/{portalId}/users/counts");
        assertThat(document.getMap("components.schemas")).containsKey("Problem");
        assertThat(document.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(document.getMap("x-portico-unavailable")).as("the stub serves no OpenAPI and is reported")
                .containsOnlyKeys("stub");
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
