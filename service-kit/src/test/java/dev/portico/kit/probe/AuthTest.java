package dev.portico.kit.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.portico.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Tenant and scopes come from a verified token only; every failure is a 401/403 problem. */
@QuarkusTest
class AuthTest {

    @Test
    void noTokenIs401() {
        given().when().get("/api/v1/probe/whoami")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void untrustedTokensAre401() {
        for (String token : new String[] {
                TestTokens.expired("org-a", "portal.config"),
                TestTokens.wrongIssuer("org-a", "portal.config"),
                TestTokens.wrongSignature("org-a", "portal.config"),
                "not.a.jwt"}) {
            given().header("Authorization", "Bearer " + token)
                    .when().get("/api/v1/probe/whoami")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("code", equalTo("INVALID_TOKEN"));
        }
    }

    @Test
    void tokenWithoutOrgIs401() {
        given().header("Authorization", TestTokens.bearer(null, "portal.config"))
                .when().get("/api/v1/probe/whoami")
                .then().statusCode(401)
                .body("code", equalTo("INVALID_TOKEN"))
                .body("detail", containsString("org"));
    }

    @Test
    void missingScopeIs403AndNamesIt() {
        given().header("Authorization", TestTokens.bearer("org-a", "portal.users"))
                .when().get("/api/v1/probe/whoami")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("MISSING_SCOPE"))
                .body("detail", containsString("portal.config"));
    }

    @Test
    void methodScopesReplaceClassScopes() {
        given().header("Authorization", TestTokens.bearer("org-a", "org.admin"))
                .when().get("/api/v1/probe/users-only")
                .then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("org-a", "portal.config"))
                .when().get("/api/v1/probe/users-only")
                .then().statusCode(403)
                .body("detail", containsString("org.admin or portal.users"));
    }

    @Test
    void tenantAndScopesComeFromTheToken() {
        given().header("Authorization", TestTokens.bearer("org-from-token", "portal.config portal.users"))
                .header("X-Org-Id", "org-from-header")
                .when().get("/api/v1/probe/whoami?org=org-from-query")
                .then().statusCode(200)
                .body("org", equalTo("org-from-token"))
                .body("scopes", hasItem("portal.users"));
    }

    @Test
    void publicEndpointNeedsNoToken() {
        given().when().get("/api/v1/probe/public").then().statusCode(200).body("open", equalTo("yes"));
    }

    @Test
    void healthAndOpenApiArePublic() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.Problem.properties.code.example", equalTo("SLUG_TAKEN"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
