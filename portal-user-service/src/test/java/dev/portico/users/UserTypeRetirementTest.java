package dev.portico.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A user type's deletion, this service's part: retired only when empty (or by moving its users), and closed to
 * invites and type changes from then on, whatever a running job is doing.
 */
@QuarkusTest
class UserTypeRetirementTest {

    private static final String RETIREMENT = "/api/v1/portals/{p}/user-types/{t}/retirement";

    @Inject
    World world;

    @Inject
    Seeds seeds;

    @Test
    void aTypeWithUsersIsRetiredOnlyByMovingThemAndThenTakesNoOne() {
        World.Org org = world.org(null);
        UUID partners = UUID.randomUUID();
        world.userType(org, partners, "Partners");
        UUID user = seeds.user(org, partners, "r-" + UUID.randomUUID(), "Pat Partner", "pat@customer.example", true, true);

        org.admin().put(RETIREMENT, org.portalId, partners).then().statusCode(409)
                .body("code", equalTo("USER_TYPE_IN_USE"));
        org.admin().queryParam("transferTo", partners).put(RETIREMENT, org.portalId, partners).then().statusCode(422)
                .body("code", equalTo("USER_TYPE_NOT_FOUND"));
        given().header("Authorization", TestTokens.bearer(org.id, "portal.users"))
                .put(RETIREMENT, org.portalId, partners).then().statusCode(403);
        World.Org stranger = world.org(null);
        stranger.admin().queryParam("transferTo", stranger.userTypeId).put(RETIREMENT, org.portalId, partners).then()
                .statusCode(404);

        org.admin().queryParam("transferTo", org.userTypeId).put(RETIREMENT, org.portalId, partners).then()
                .statusCode(204);
        org.admin().get("/api/v1/portals/{p}/users/{u}", org.portalId, user).then()
                .body("userTypeId", equalTo(org.userTypeId.toString()));

        String refused = job(org, Map.of("action", "CHANGE_TYPE", "userIds", List.of(user), "targetUserTypeId", partners));
        org.admin().get("/api/v1/jobs/{j}", refused).then().body("failed", equalTo(1));
        org.admin().get("/api/v1/jobs/{j}/items", refused).then().body("items[0].reason", equalTo("USER_TYPE_NOT_FOUND"));

        // the deletion did not happen after all: the type takes users again
        org.admin().delete(RETIREMENT, org.portalId, partners).then().statusCode(204);
        String moved = job(org, Map.of("action", "CHANGE_TYPE", "userIds", List.of(user), "targetUserTypeId", partners));
        org.admin().get("/api/v1/jobs/{j}", moved).then().body("succeeded", equalTo(1));
    }

    @Test
    void aJobMovingUsersInNeverLeavesThemInARetiredType() {
        World.Org org = world.org(null);
        seeds.many(org, 400, "Mover");
        UUID target = UUID.randomUUID();
        world.userType(org, target, "Target");

        String job = org.admin().body(Map.of("action", "CHANGE_TYPE", "filter", Map.of("status", "all"),
                        "targetUserTypeId", target))
                .post("/api/v1/portals/{p}/users/bulk", org.portalId).then().statusCode(202).extract().path("id");
        int retirement = org.admin().put(RETIREMENT, org.portalId, target).then().extract().statusCode();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> org.admin().get("/api/v1/jobs/{j}", job).then()
                .body("status", equalTo("COMPLETED")));
        JsonPath done = org.admin().get("/api/v1/jobs/{j}", job).then().extract().jsonPath();
        int inTarget = org.admin().queryParam("userTypeId", target).queryParam("filter", "all")
                .get("/api/v1/portals/{p}/users", org.portalId).then().statusCode(200).extract().path("total");
        assertThat(retirement).isIn(204, 409);
        if (retirement == 204) {
            assertThat(inTarget).as("nobody moved into the retired type").isZero();
            assertThat(done.getInt("succeeded")).isZero();
            assertThat(done.getInt("failed")).isEqualTo(400);
        } else {
            assertThat(inTarget).as("the move came first, so the retirement was refused").isEqualTo(400);
        }
    }

    private static String job(World.Org org, Map<String, Object> body) {
        String job = org.admin().body(body).post("/api/v1/portals/{p}/users/bulk", org.portalId)
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> org.admin().get("/api/v1/jobs/{j}", job).then()
                .body("status", equalTo("COMPLETED")));
        return job;
    }
}
