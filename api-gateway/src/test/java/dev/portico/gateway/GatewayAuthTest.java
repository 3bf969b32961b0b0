package dev.portico.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
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
