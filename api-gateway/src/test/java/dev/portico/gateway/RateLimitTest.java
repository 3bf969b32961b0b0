package dev.portico.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Test limits: a burst of 40 requests and 2 per second per org, 5 invitation acceptances per address (see test config). */
@QuarkusTest
class RateLimitTest {

    @Test
    void anOrgOverItsRateGets429WithRetryAfterAndOtherOrgsAreUnaffected() {
        Api busy = new Api();
        int limited = 0;
        Response last = null;
        for (int i = 0; i < 80; i++) {
            Response response = busy.admin().when().get("/api/v1/stub/echo");
            if (response.statusCode() == 429) {
                limited++;
                last = response;
            }
        }
        assertThat(limited).as("requests beyond the burst of 40").isGreaterThanOrEqualTo(20);
        last.then().contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue());
        new Api().admin().when().get("/api/v1/stub/echo").then().statusCode(200);
    }

    @Test
    void invitationAcceptanceIsLimitedPerAddressWhateverForwardedHeadersClaim() {
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            Response response = given().contentType("application/json").body("{\"token\":\"guess-" + i + "\"}")
                    .header("X-Forwarded-For", "10.0.0." + i)
                    .when().post("/api/v1/invitations/accept");
            assertThat(response.statusCode()).isNotIn(401, 403);
            if (response.statusCode() == 429) {
                limited++;
                response.then().body("code", equalTo("RATE_LIMITED")).header("Retry-After", notNullValue());
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(3);
    }
}
