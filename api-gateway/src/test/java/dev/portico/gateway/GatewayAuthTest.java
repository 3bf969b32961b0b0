package dev.portico.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The front door refuses before anything reaches a service. */
@QuarkusTest
class GatewayAuthTest {

    @Test
    void noTokenIs401() {
        given().when().get("/api/v1/portals").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").when().get("/api/v1/stub/echo").then()
                .statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void untrustedTokensAre401() {
        for (String token : new String[] {
                TestTokens.expired("org-a", Api.ALL),
                TestTokens.wrongIssuer("org-a", Api.ALL),
                TestTokens.wrongSignature("org-a", Api.ALL),
                TestTokens.token(null, Api.ALL),
                "garbage"}) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/stub/echo").then()
                    .statusCode(401).contentType("application/problem+json").body("code", equalTo("INVALID_TOKEN"));
        }
    }

    @Test
    void tokensWithClaimsOfTheWrongShapeOrTimeAre401LikeAtTheServices() {
        Instant now = Instant.now();
        String[][] cases = {
                {TestTokens.sign(TestTokens.claims(null, Api.ALL).claim("org", List.of("B", "A"))), "org"},
                {TestTokens.sign(TestTokens.claims("org-a", Api.ALL).claim("scope", List.of("portal.config"))), "scope"},
                {TestTokens.sign(TestTokens.claims("org-a", Api.ALL).issuedAt(now.plusSeconds(600))
                        .expiresAt(now.plusSeconds(1200))), "future"},
                {TestTokens.sign(TestTokens.claims("org-a", Api.ALL).expiresAt(Instant.parse("3000-01-01T00:00:00Z"))),
                        "longer"},
        };
        for (String[] c : cases) {
            given().header("Authorization", "Bearer " + c[0]).when().get("/api/v1/stub/echo").then()
                    .statusCode(401).contentType("application/problem+json")
                    .body("code", equalTo("INVALID_TOKEN")).body("detail", containsString(c[1]));
        }
        given().header("Authorization", "Bearer " + TestTokens.sign(TestTokens.claims("org-a", Api.ALL)
                        .expiresIn(Duration.ofHours(23)))).when().get("/api/v1/stub/echo").then().statusCode(200);
    }

    @Test
    void missingScopeIs403AndSaysWhich() {
        Api api = new Api();
        api.as("portal.users").body("{}").when().post("/api/v1/portals").then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("MISSING_SCOPE")).body("detail", containsString("portal.config"));
        api.as("portal.config").when().get("/api/v1/portals/x/users/counts").then().statusCode(403)
                .body("detail", containsString("portal.users"));
        api.as("portal.config").body("{\"edition\":\"FREE\"}").when().put("/api/v1/org").then().statusCode(403)
                .body("detail", containsString("org.admin"));
        api.as("portal.config").body("{}").when().post("/api/v1/crm/events").then().statusCode(403)
                .body("detail", containsString("crm.events"));
    }

    @Test
    void publicRoutesNeedNoToken() {
        given().when().get("/api/v1/portal-urls/nobody-here").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("PORTAL_NOT_FOUND"));
        given().when().get("/api/v1/openapi.json").then().statusCode(200);
    }

    @Test
    void eventsForAnotherOrgAre403() {
        Api api = new Api();
        api.as("crm.events").body("{\"orgId\":\"not-mine\",\"module\":\"Contacts\",\"recordId\":\"1\","
                        + "\"operation\":\"CREATED\",\"version\":1,\"record\":{}}")
                .when().post("/api/v1/crm/events").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("ORG_MISMATCH"))
                .body("errors[0].field", equalTo("orgId"));
    }
}
