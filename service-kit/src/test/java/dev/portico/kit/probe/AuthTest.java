package dev.portico.kit.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.portico.kit.testing.DevTokenCli;
import dev.portico.kit.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    void claimsOfTheWrongShapeOrTimeAre401() {
        Instant now = Instant.now();
        String[][] cases = {
                {TestTokens.sign(TestTokens.claims(null, "portal.config").claim("org", List.of("B", "A"))), "org"},
                {TestTokens.sign(TestTokens.claims(null, "portal.config").claim("org", 42)), "org"},
                {TestTokens.sign(TestTokens.claims("org-a", "portal.config").claim("scope", List.of("portal.config"))), "scope"},
                {TestTokens.sign(TestTokens.claims("org-a", "portal.config").issuedAt(now.plusSeconds(600))
                        .expiresAt(now.plusSeconds(1200))), "future"},
                {TestTokens.sign(TestTokens.claims("org-a", "portal.config")
                        .expiresAt(Instant.parse("3000-01-01T00:00:00Z"))), "longer"},
                {TestTokens.sign(TestTokens.claims("org-a", "portal.config").expiresIn(Duration.ofHours(25))), "longer"},
        };
        for (String[] c : cases) {
            given().header("Authorization", "Bearer " + c[0])
                    .when().get("/api/v1/probe/whoami")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("code", equalTo("INVALID_TOKEN"))
                    .body("detail", containsString(c[1]));
        }
    }

    @Test
    void tokensWithinTheRulesPass() {
        Instant now = Instant.now();
        given().header("Authorization", "Bearer " + TestTokens.sign(TestTokens.claims("org-a", "portal.config")
                        .issuedAt(now.plusSeconds(10)).expiresIn(Duration.ofHours(23))))
                .when().get("/api/v1/probe/whoami")
                .then().statusCode(200).body("org", equalTo("org-a"));
        given().header("Authorization", "Bearer " + DevTokenCli.token("org-cli", "portal.config"))
                .when().get("/api/v1/probe/whoami")
                .then().statusCode(200).body("org", equalTo("org-cli"));
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

    @TestHTTPResource(value = "/q", management = true)
    URL management;

    @Test
    void openApiIsPublicHealthAndMetricsOnlyOnTheManagementPort() {
        given().port(management.getPort()).when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().port(management.getPort()).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.Problem.properties.code.example", equalTo("SLUG_TAKEN"));
        given().when().get("/q/health/ready").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
    }
}
