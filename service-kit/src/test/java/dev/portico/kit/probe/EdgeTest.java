package dev.portico.kit.probe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.kit.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** What a service puts in its answers for browsers and links, whatever the client claims about the host. */
@QuarkusTest
class EdgeTest {

    @Test
    void locationUsesTheConfiguredPublicBaseUrlNotTheClientsHost() {
        given().header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .header("Forwarded", "host=evil.example;proto=https")
                .when().post("/api/v1/probe/created")
                .then().statusCode(201)
                .header("Location", equalTo("https://api.portico.test/api/v1/probe/created/c-1?view=full"));
        given().header("Host", "evil.example")
                .when().post("/api/v1/probe/created")
                .then().statusCode(201)
                .header("Location", equalTo("https://api.portico.test/api/v1/probe/created/c-1?view=full"));
    }

    @Test
    void forwardedHeadersAreBelievedFromLoopbackOnly() throws Exception {
        given().header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Proto", "https")
                .when().get("/api/v1/probe/client")
                .then().statusCode(200).body("address", equalTo("203.0.113.7")).body("scheme", equalTo("https"));
        // 127.0.0.2 stands for any address that is not the gateway's
        String answer = RawHttp.exchange("127.0.0.2", RestAssured.port, "GET /api/v1/probe/client HTTP/1.1\r\n"
                + "Host: localhost\r\nX-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"address\":\"127.0.0.2\"")
                .contains("\"scheme\":\"http\"");
    }

    @Test
    void serviceAnswersCarrySecurityHeaders() {
        given().when().get("/api/v1/probe/public")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
        given().when().get("/elsewhere")
                .then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
        given().when().get("/api/v1/probe/whoami")
                .then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store");
    }
}
