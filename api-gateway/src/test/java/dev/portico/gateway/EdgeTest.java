package dev.portico.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.portico.kit.testing.RawHttp;
import dev.portico.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway's edge: every refusal a problem, links from configuration, browser headers, limits for everyone. */
@QuarkusTest
class EdgeTest {

    @Test
    void frameworkRefusalsAreProblems() {
        Api api = new Api();
        api.as("crm.events").when().get("/api/v1/crm/events").then().statusCode(405)
                .contentType("application/problem+json").body("code", equalTo("METHOD_NOT_ALLOWED"));
        // a routed path with a method no route takes is a 405 at the gateway, not a 404
        api.as("org.admin").when().delete("/api/v1/org").then().statusCode(405).header("Allow", "GET, PUT")
                .contentType("application/problem+json").body("code", equalTo("METHOD_NOT_ALLOWED"));
        api.as("crm.events").contentType("text/plain").body("hello").when().post("/api/v1/crm/events").then()
                .statusCode(415).contentType("application/problem+json").body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().accept("text/csv").when().get("/api/v1/openapi.json").then().statusCode(406)
                .contentType("application/problem+json").body("code", equalTo("NOT_ACCEPTABLE"));
        api.as("crm.events").body("{\"events\":\"" + "x".repeat(8 * 1024 * 1024 + 10) + "\"}")
                .when().post("/api/v1/crm/events").then().statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("PAYLOAD_TOO_LARGE"));
        // the API's URI and header limits answer with problems; the HTTP decoder's own (empty 414/431) sit far above
        given().urlEncodingEnabled(false).when().get("/api/v1/portals?q=" + "a".repeat(5000)).then().statusCode(414)
                .contentType("application/problem+json").body("code", equalTo("URI_TOO_LONG"));
        given().header("X-Padding", "a".repeat(17 * 1024)).when().get("/api/v1/portals").then().statusCode(431)
                .contentType("application/problem+json").body("code", equalTo("HEADERS_TOO_LARGE"));
        given().when().get("/elsewhere").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void controlCharactersInAPathAre400FromTheServiceNot500() {
        given().urlEncodingEnabled(false).when().get("/api/v1/portal-urls/%00").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_CHARACTERS"))
                .body("errors[0].field", equalTo("slug"));
    }

    @Test
    void linksUseTheConfiguredPublicAddressWhateverHostTheClientSent() {
        Api api = new Api();
        api.portal();
        String location = api.admin().header("Host", "evil.example").header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "host=evil.example")
                .body("{\"name\":\"P\",\"module\":\"Deals\",\"slug\":\"edge-" + UUID.randomUUID().toString().substring(0, 8)
                        + "\"}")
                .when().post("/api/v1/portals").then().statusCode(201).extract().header("Location");
        assertThat(location).startsWith("http://localhost:8080/api/v1/portals/").doesNotContain("evil");
    }

    @Test
    void browserHeaders() {
        given().when().get("/api/v1/openapi.json").then().statusCode(200)
                .header("Content-Security-Policy", startsWith("default-src 'none'"));
        String page = given().when().get("/q/swagger-ui/index.html").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"))
                .header("Content-Security-Policy", containsString("connect-src 'self'"))
                .extract().asString();
        assertThat(page).as("Swagger UI loads nothing from elsewhere, so 'self' covers it")
                .doesNotContain("src=\"http").doesNotContain("href=\"http");
        given().header("Origin", "http://localhost:3000").when().get("/api/v1/openapi.json").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Vary", containsString("Origin"));
        given().when().get("/api/v1/portal-urls/nobody-here").then().header("Vary", containsString("Origin"));
    }

    @Test
    void requestsWithoutAValidTokenAreLimitedPerAddress() throws Exception {
        // from a client address of its own (127.0.0.2), so that the other tests' refusals do not share its bucket
        int limited = 0;
        String last = null;
        for (int i = 0; i < 80; i++) {
            String answer = RawHttp.exchange("127.0.0.2", RestAssured.port, "GET "
                    + (i % 3 == 0 ? "/api/v1/no-such-thing" : "/api/v1/stub/echo") + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + (i % 2 == 0 ? "Bearer garbage" : "Basic eDp5") + "\r\nConnection: close\r\n\r\n");
            assertThat(answer.substring(9, 12)).isIn("401", "404", "429");
            if (answer.startsWith("HTTP/1.1 429")) {
                limited++;
                last = answer;
            }
        }
        assertThat(limited).as("requests beyond the burst of 40").isGreaterThanOrEqualTo(20);
        assertThat(last).contains("application/problem+json").contains("\"code\":\"RATE_LIMITED\"")
                .containsIgnoringCase("Retry-After");
        given().header("Authorization", TestTokens.bearer("org-" + UUID.randomUUID(), Api.ALL))
                .when().get("/api/v1/stub/echo").then().statusCode(200);
        given().header("Authorization", "Bearer garbage").when().get("/api/v1/stub/echo").then().statusCode(401);
    }

    @Test
    void crmIntakeIsLimitedPerOrg() {
        Api busy = new Api();
        int limited = 0;
        for (int i = 0; i < 70; i++) {
            int status = busy.as("crm.events").body("{}").when().post("/api/v1/crm/events").statusCode();
            assertThat(status).isIn(422, 429);
            if (status == 429) {
                limited++;
            }
        }
        assertThat(limited).as("requests beyond the burst of 40").isGreaterThanOrEqualTo(20);
        new Api().as("crm.events").body("{}").when().post("/api/v1/crm/events").then().statusCode(422)
                .body("code", not(equalTo("RATE_LIMITED")));
    }
}
