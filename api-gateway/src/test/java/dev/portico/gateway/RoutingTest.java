package dev.portico.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import dev.portico.kit.testing.TestTokens;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every route group reaches its service through the gateway, with status, headers and bodies intact. */
@QuarkusTest
@QuarkusTestResource(DownstreamServices.class)
class RoutingTest {

    @Test
    void configRoutesReachPortalConfigService() {
        Api api = new Api();
        String portal = api.portal();
        String slug = api.admin().when().get("/api/v1/portals/{id}", portal).then().statusCode(200)
                .extract().path("slug");
        ExtractableResponse<Response> created = api.admin()
                .body("{\"name\":\"P2\",\"module\":\"Deals\",\"slug\":\"gw2-" + UUID.randomUUID().toString().substring(0, 8) + "\"}")
                .when().post("/api/v1/portals").then().statusCode(201).extract();
        assertThat(created.header("Location")).as("the service builds links with the gateway's address")
                .startsWith("http://localhost:").endsWith("/api/v1/portals/" + created.path("id"))
                .doesNotContain(":" + DownstreamServices.PORTS.get("portal-config") + "/");
        api.as("portal.users").when().get("/api/v1/portals/{id}/user-types", portal).then().statusCode(200)
                .body("total", equalTo(1));
        api.admin().when().get("/api/v1/modules/Deals").then().statusCode(200).body("name", equalTo("Deals"));
        api.as("portal.users").when().get("/api/v1/org").then().statusCode(200).body("edition", equalTo("ENTERPRISE"));
        given().when().get("/api/v1/portal-urls/{slug}", slug).then().statusCode(200)
                .body("portalId", equalTo(portal));
    }

    @Test
    void userInvitationAndAutoInviteRoutesReachTheirServices() {
        Api api = new Api();
        String portal = api.portal();
        api.as("portal.users").when().get("/api/v1/portals/{id}/users/counts", portal).then().statusCode(200)
                .body("all", equalTo(0));
        api.as("portal.users").when().get("/api/v1/portals/{id}/invitations?status=sent", portal).then()
                .statusCode(200).body("total", equalTo(0));
        api.as("portal.config").when().get("/api/v1/portals/{id}/auto-invites", portal).then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void upstreamProblemsAndStatusesPassUnchanged() {
        Api api = new Api();
        api.admin().header("X-Request-Id", "trace-me-1").when().get("/api/v1/portals/{id}", UUID.randomUUID()).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .header("X-Request-Id", "trace-me-1")
                .body("code", equalTo("PORTAL_NOT_FOUND"))
                .body("requestId", equalTo("trace-me-1"));
        api.admin().body("{\"name\":\"\"}").when().post("/api/v1/portals").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"));
        api.admin().when().get("/api/v1/stub/teapot").then().statusCode(418).header("X-Stub", "yes");
    }

    @Test
    void forwardsWhatItShouldAndStripsWhatItMustNot() {
        Api api = new Api();
        String token = "Bearer " + dev.portico.kit.testing.TestTokens.token(api.org, Api.ALL);
        given().urlEncodingEnabled(false).header("Authorization", token)
                .header("X-Org-Id", "someone-else")
                .header("X-Portico-Scopes", "org.admin")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("X-Request-Id", "rid-forward")
                .contentType("application/json")
                .body("{\"hello\":\"world\"}")
                .when().post("/api/v1/stub/echo?a=1&b=two%20words")
                .then().statusCode(200)
                .header("X-Request-Id", "rid-forward")
                .body("method", equalTo("POST"))
                .body("path", equalTo("/api/v1/stub/echo"))
                .body("query", equalTo("a=1&b=two%20words"))
                .body("body", equalTo("{\"hello\":\"world\"}"))
                .body("headers.authorization", equalTo(token))
                .body("headers.x-request-id", equalTo("rid-forward"))
                .body("headers.x-forwarded-for", startsWith("127.0.0.1"))
                .body("headers", not(hasKey("x-org-id")))
                .body("headers", not(hasKey("x-portico-scopes")))
                .body("headers", not(hasKey("proxy-authorization")));
    }

    @Test
    void securityHeadersAndBodyLimit() {
        Api api = new Api();
        api.admin().when().get("/api/v1/stub/echo").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store");
        // the gateway's own answers carry them too; the no-store rule is for the API only
        given().when().get("/q/swagger-ui/index.html").then().statusCode(200)
                .header("X-Frame-Options", "DENY").header("Strict-Transport-Security", startsWith("max-age="))
                .header("Cache-Control", nullValue());
        api.admin().when().get("/api/v1/no-such-thing").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
        api.admin().body("{\"big\":\"" + "x".repeat(70_000) + "\"}").when().post("/api/v1/stub/echo").then()
                .statusCode(413).contentType("application/problem+json").body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void bodiesNeedALengthOverHttp1AndHttp2() throws Exception {
        Api api = new Api();
        String small = "{\"hello\":\"" + "y".repeat(1000) + "\"}";
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient client = HttpClient.newBuilder().version(version).build();
            // with a length: forwarded, the service gets the body and its length (HTTP/2 arrives by h2c upgrade)
            HttpResponse<String> echoed = client.send(request(api).POST(HttpRequest.BodyPublishers.ofString(small)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(echoed.statusCode()).as(version.name()).isEqualTo(200);
            assertThat(echoed.body()).as(version.name()).contains("\"bodyLength\":" + small.length())
                    .contains("\"content-length\":\"" + small.length() + "\"");
            // without (chunked, or an unsized HTTP/2 stream): could dodge the size limit, so 411 and nothing forwarded
            HttpResponse<String> refused = client.send(request(api).POST(HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(small.getBytes(StandardCharsets.UTF_8)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(version.name()).isEqualTo(411);
            assertThat(refused.body()).contains("LENGTH_REQUIRED");
            // a DELETE has no body: over HTTP/2 too (where its stream is not ended yet when the headers arrive)
            HttpResponse<String> deleted = client.send(request(api).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).as(version.name() + " " + deleted.body()).isEqualTo(200);
            assertThat(deleted.body()).contains("\"method\":\"DELETE\"");
        }
    }

    private static HttpRequest.Builder request(Api api) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/stub/echo"))
                .header("Authorization", TestTokens.bearer(api.org, Api.ALL)).header("Content-Type", "application/json");
    }

    @Test
    void unknownPathsAreA404Problem() {
        new Api().admin().when().get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
    }
}
