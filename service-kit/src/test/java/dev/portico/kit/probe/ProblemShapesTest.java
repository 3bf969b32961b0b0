package dev.portico.kit.probe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.portico.kit.testing.RawHttp;
import dev.portico.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every kind of failure leaves a service as the same problem+json shape with a stable code. */
@QuarkusTest
class ProblemShapesTest {

    private static final String AUTH = TestTokens.bearer("org-shapes", "portal.config");

    @Test
    void domainExceptionKeepsItsStatusAndCode() {
        given().header("Authorization", AUTH).header("X-Request-Id", "req-42")
                .when().get("/api/v1/probe/conflict/acme")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .header("X-Request-Id", "req-42")
                .body("status", equalTo(409))
                .body("code", equalTo("SLUG_TAKEN"))
                .body("title", equalTo("Conflict"))
                .body("type", equalTo("https://portico.dev/problems/slug-taken"))
                .body("detail", containsString("acme"))
                .body("requestId", equalTo("req-42"));
    }

    @Test
    void validationFailuresNameEachField() {
        given().header("Authorization", AUTH).contentType(ContentType.JSON)
                .body("{\"customer\":\"\",\"items\":[{\"name\":\"a\",\"count\":1},{\"name\":\" \",\"count\":99}]}")
                .when().post("/api/v1/probe/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("customer"))
                .body("errors.field", hasItem("items[1].name"))
                .body("errors.field", hasItem("items[1].count"));
    }

    @Test
    void queryParameterValidationNamesTheParameter() {
        given().header("Authorization", AUTH)
                .when().get("/api/v1/probe/pages?size=5000")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("size"));
    }

    @Test
    void pagingHasDefaults() {
        given().header("Authorization", AUTH)
                .when().get("/api/v1/probe/pages")
                .then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                .body("total", equalTo(0));
    }

    @Test
    void malformedJsonIs400() {
        given().header("Authorization", AUTH).contentType(ContentType.JSON)
                .body("{\"customer\": ")
                .when().post("/api/v1/probe/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().header("Authorization", AUTH).contentType(ContentType.JSON)
                .body("{\"customer\":\"c\",\"items\":[{\"name\":\"a\",\"count\":\"many\"}]}")
                .when().post("/api/v1/probe/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_VALUE"))
                .body("errors[0].field", equalTo("items[0].count"));
    }

    @Test
    void unknownRouteIs404() {
        given().header("Authorization", AUTH)
                .when().get("/api/v1/no/such/thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        given().when().get("/elsewhere")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void wrongMediaTypeIs415() {
        given().header("Authorization", AUTH).contentType(ContentType.TEXT).body("hello")
                .when().post("/api/v1/probe/orders")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void wrongMethodIs405() {
        given().header("Authorization", AUTH)
                .when().delete("/api/v1/probe/orders")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void unacceptableMediaTypeIs406() {
        given().accept("text/csv")
                .when().get("/api/v1/probe/echo/x")
                .then().statusCode(406)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_ACCEPTABLE"));
    }

    @Test
    void bodyOverTheLimitIs413WithABody() {
        given().header("Authorization", AUTH).contentType(ContentType.JSON)
                .body("{\"customer\":\"" + "x".repeat(2 * 1024 * 1024 + 10) + "\"}")
                .when().post("/api/v1/probe/orders")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void failedVertxRoutesAreProblems() {
        given().when().get("/probe-route/boom")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("code", equalTo("INTERNAL_ERROR"))
                .body(not(containsString("secret route detail")));
        given().when().get("/probe-route/refused")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void pathNotStartingWithSlashIsAProblem() throws Exception {
        assertThat(RawHttp.exchange(RestAssured.port, "GET api/v1/probe/public HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404").contains("application/problem+json").contains("\"code\":\"NOT_FOUND\"");
    }

    /** A URI or headers over the API's limits, far below the HTTP decoder's own, get problems like any refusal. */
    @Test
    void uriAndHeadersOverTheApiLimitsAreProblems() throws Exception {
        assertThat(RawHttp.exchange(RestAssured.port, "GET /api/v1/probe/public?q=" + "a".repeat(5000)
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                .startsWith("HTTP/1.1 414").contains("application/problem+json").contains("\"code\":\"URI_TOO_LONG\"");
        assertThat(RawHttp.exchange(RestAssured.port, "GET /api/v1/probe/public HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Big: " + "a".repeat(30_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431").contains("application/problem+json")
                .contains("\"code\":\"HEADERS_TOO_LARGE\"");
    }

    /**
     * What Netty refuses while decoding (a malformed Content-Length, a request line or headers over its 64 KiB
     * ceiling), and a URI Quarkus cannot parse, never reach a handler: Vert.x or Quarkus' root handler answers with
     * an empty body. This documents that limit of the one-error-shape rule (see HttpProblems).
     */
    @Test
    void requestsNettyCannotDecodeGetItsPlainAnswer() throws Exception {
        assertThat(RawHttp.exchange(RestAssured.port, "POST /api/v1/probe/orders HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 12abc\r\n\r\n{}"))
                .startsWith("HTTP/1.1 400").contains("content-length: 0");
        assertThat(RawHttp.exchange(RestAssured.port, "GET /api/v1/probe/public?q=" + "a".repeat(70_000)
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                .startsWith("HTTP/1.0 414").contains("content-length: 0");
        assertThat(RawHttp.exchange(RestAssured.port, "GET /api/v1/probe/public HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Big: " + "a".repeat(70_000) + "\r\n\r\n"))
                .contains(" 431 ").contains("content-length: 0");
        assertThat(RawHttp.exchange(RestAssured.port, "GET /api/v1/probe/echo/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                .startsWith("HTTP/1.1 400").contains("content-length: 0");
    }

    @Test
    void unexpectedErrorIsASafe500() {
        given().header("Authorization", AUTH)
                .when().get("/api/v1/probe/boom")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("code", equalTo("INTERNAL_ERROR"))
                .body("requestId", notNullValue())
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void requestIdIsCreatedWhenAbsent() {
        given().when().get("/api/v1/probe/public")
                .then().statusCode(200)
                .header("X-Request-Id", notNullValue());
        given().header("X-Request-Id", "bad id with spaces\u0001")
                .when().get("/api/v1/probe/public")
                .then().statusCode(200)
                .header("X-Request-Id", not(startsWith("bad id")));
    }
}
