package dev.portico.kit.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
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
