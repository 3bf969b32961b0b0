package dev.portico.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A slow or stopped service costs the caller a clear 503/504, and an open circuit costs nothing at all. */
@QuarkusTest
class ResilienceTest {

    @Test
    void slowServiceTimesOutWith504() {
        long start = System.nanoTime();
        new Api().admin().when().get("/api/v1/stub/slow").then().statusCode(504)
                .contentType("application/problem+json").body("code", equalTo("UPSTREAM_TIMEOUT"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2900));
        new Api().admin().when().get("/api/v1/stub/echo").then().statusCode(200);
    }

    @Test
    void stoppedServiceOpensTheCircuitAndItClosesWhenTheServiceIsBack() throws Exception {
        Api api = new Api();
        DownstreamServices.stopStub();
        try {
            for (int i = 0; i < 3; i++) {
                api.admin().when().get("/api/v1/stub/echo").then().statusCode(503)
                        .contentType("application/problem+json").body("code", equalTo("SERVICE_UNAVAILABLE"));
            }
            Response open = api.admin().when().get("/api/v1/stub/echo");
            open.then().statusCode(503).body("code", equalTo("CIRCUIT_OPEN")).header("Retry-After", notNullValue());
            assertThat(open.time()).as("an open circuit answers at once").isLessThan(500);
            api.admin().when().get("/api/v1/portals").then().statusCode(200);
        } finally {
            DownstreamServices.startStub();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                api.admin().when().get("/api/v1/stub/echo").then().statusCode(200));
    }

    @Test
    void killedRealServiceIs503UntilItIsBack() throws Exception {
        Api api = new Api();
        String portal = api.portal();
        DownstreamServices.kill("auto-invite");
        try {
            api.admin().when().get("/api/v1/portals/{id}/auto-invites", portal).then().statusCode(503)
                    .contentType("application/problem+json").body("code", equalTo("SERVICE_UNAVAILABLE"));
            api.admin().when().get("/api/v1/portals/{id}", portal).then().statusCode(200);
        } finally {
            DownstreamServices.restart("auto-invite");
        }
        // polled gently: a busy poll of a service still starting would run into the per-org rate limit
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                api.admin().when().get("/api/v1/portals/{id}/auto-invites", portal).then().statusCode(200));
    }
}
