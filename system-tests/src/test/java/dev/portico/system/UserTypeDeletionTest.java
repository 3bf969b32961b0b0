package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deleting a user type through the gateway, with portal-config-service asking portal-user-service (which has the
 * users) first: refused while users are in it, their move with {@code transferTo}, and no invite into it after.
 */
class UserTypeDeletionTest {

    @Test
    void aTypeWithUsersIsDeletedOnlyByMovingThemAndThenTakesNoOne() {
        Gateway admin = Gateway.newOrg();
        String tag = admin.org.substring(4, 12);
        admin.api().body(Map.of("name", "Types " + tag, "edition", "ENTERPRISE")).put("/org").then().statusCode(200);
        String portal = admin.api().body(Map.of("name", "Types", "module", "Contacts", "slug", "types-" + tag))
                .post("/portals").then().statusCode(201).extract().path("id");
        String first = admin.api().get("/portals/{p}/user-types", portal).then().extract().path("items[0].id");
        String partners = admin.api().body(Map.of("name", "Partners", "modules",
                        List.of(Map.of("module", "Contacts", "permissions", Map.of("view", true)))))
                .post("/portals/{p}/user-types", portal).then().statusCode(201).extract().path("id");

        List<String> ids = List.of("p0-" + tag, "p1-" + tag, "p2-" + tag);
        admin.createContacts(ids, i -> "Partner " + i, i -> "partner-" + tag + "-" + i + "@customer.example");
        String job = admin.api().body(Map.of("userTypeId", partners, "recordIds", ids))
                .post("/portals/{p}/invitations", portal).then().statusCode(202).extract().path("id");
        assertThat(admin.completed(job, Duration.ofSeconds(30)).getInt("succeeded")).isEqualTo(3);

        // right after the invite (portal-config-service's count may not have heard of the users yet)
        admin.api().delete("/portals/{p}/user-types/{t}", portal, partners).then().statusCode(409)
                .body("code", equalTo("USER_TYPE_IN_USE"));
        admin.api().queryParam("transferTo", first).delete("/portals/{p}/user-types/{t}", portal, partners).then()
                .statusCode(204);
        admin.api().queryParam("userTypeId", first).get("/portals/{p}/users", portal).then().body("total", equalTo(3));
        admin.api().get("/portals/{p}/user-types/{t}", portal, partners).then().statusCode(404);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin.api()
                .get("/portals/{p}/user-types/{t}", portal, first).then().body("userCount", equalTo(3)));

        // nobody gets into the deleted type: refused at once, or each item fails if the job got in first
        String late = "late-" + tag;
        admin.createContacts(List.of(late), i -> "Late", i -> "late-" + tag + "@customer.example");
        var answer = admin.api().body(Map.of("userTypeId", partners, "recordIds", List.of(late)))
                .post("/portals/{p}/invitations", portal).then().extract();
        if (answer.statusCode() == 202) {
            JsonPath done = admin.completed(answer.path("id"), Duration.ofSeconds(30));
            assertThat(done.getInt("failed")).isEqualTo(1);
            admin.api().get("/jobs/{j}/items", answer.<String>path("id")).then()
                    .body("items[0].reason", equalTo("USER_TYPE_NOT_FOUND"));
        } else {
            assertThat(answer.statusCode()).isEqualTo(422);
            assertThat(answer.<String>path("code")).isEqualTo("USER_TYPE_NOT_FOUND");
        }
        admin.api().queryParam("userTypeId", partners).get("/portals/{p}/users", portal).then().body("total", equalTo(0));
    }
}
