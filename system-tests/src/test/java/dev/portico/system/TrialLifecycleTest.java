package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A trial org end to end through the gateway: the default Contacts portal, the 11th user refused with
 * USER_LIMIT_REACHED, a reinvite that makes the first link useless, lifecycle refusals, and another org and a
 * missing scope kept out.
 */
class TrialLifecycleTest {

    @Test
    void trialPortalLimitReinviteAndIsolation() {
        Gateway admin = Gateway.newOrg();
        String tag = admin.org.substring(4, 12);
        admin.api().body(Map.of("name", "Trial " + tag, "edition", "FREE", "trial", Map.of("edition", "ENTERPRISE")))
                .put("/org").then().statusCode(200);
        JsonPath portals = admin.api().get("/portals").then().statusCode(200).extract().jsonPath();
        assertThat(portals.getBoolean("items[0].system")).isTrue();
        String portal = portals.getString("items[0].id");
        String type = admin.api().get("/portals/{p}/user-types", portal).then().extract().path("items[0].id");

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            ids.add("t" + i + "-" + tag);
        }
        admin.createContacts(ids, i -> "Trial Person " + i, i -> mail(tag, i));
        // the last record, invited alone, takes the first seat
        String probe = invite(admin, portal, type, ids.subList(10, 11));
        assertThat(admin.completed(probe, Duration.ofSeconds(30)).getInt("succeeded")).isEqualTo(1);

        // the other ten in bulk: nine seats are left, so exactly one (the last, the gate goes in order) is refused
        String job = invite(admin, portal, type, ids.subList(0, 10));
        JsonPath done = admin.completed(job, Duration.ofSeconds(30));
        JsonPath failedItems = admin.api().get("/jobs/{j}/items?outcome=FAILED", job).then().extract().jsonPath();
        assertThat(failedItems.getList("items.reason")).as(failedItems.prettify()).containsExactly("USER_LIMIT_REACHED");
        assertThat(failedItems.getList("items.recordId")).containsExactly(ids.get(9));
        assertThat(done.getInt("succeeded")).isEqualTo(9);
        assertThat(done.getInt("failed")).isEqualTo(1);
        admin.api().get("/portals/{p}/users/counts", portal).then().body("unconfirmed", equalTo(10));

        // two of them ("Person 1" would also find "Person 10")
        int a = 2;
        int b = 3;

        // reinvite one: the first link stops working, the new one confirms
        String first = InvitePathTest.token(mails(mail(tag, a), 1).get(0));
        String user = admin.api().get("/portals/{p}/users?q=trial person " + a, portal).then().statusCode(200)
                .body("total", equalTo(1)).extract().path("items[0].id");
        String reinvite = admin.api().body(Map.of("action", "REINVITE", "userIds", List.of(user)))
                .post("/portals/{p}/users/bulk", portal).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.api().get("/jobs/{j}", reinvite).then()
                .body("status", equalTo("COMPLETED")).body("succeeded", equalTo(1)));
        List<String> both = mails(mail(tag, a), 2);
        String second = InvitePathTest.token(both.get(1));
        assertThat(second).isNotEqualTo(first);
        Gateway.anonymous().body(Map.of("token", first)).post("/invitations/accept").then().statusCode(410)
                .body("code", equalTo("INVITATION_REVOKED"));
        Gateway.anonymous().body(Map.of("token", second)).post("/invitations/accept").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin.api().get("/portals/{p}/users/{u}", portal, user)
                .then().body("status", equalTo("CONFIRMED")));

        // deactivate: the confirmed user changes, an unconfirmed one is refused
        String other = admin.api().get("/portals/{p}/users?q=trial person " + b, portal).then().extract().path("items[0].id");
        String deactivate = admin.api().body(Map.of("action", "DEACTIVATE", "userIds", List.of(user, other)))
                .post("/portals/{p}/users/bulk", portal).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin.api().get("/jobs/{j}", deactivate).then()
                .body("status", equalTo("COMPLETED")).body("succeeded", equalTo(1)).body("failed", equalTo(1)));
        JsonPath items = admin.api().get("/jobs/{j}/items", deactivate).then().extract().jsonPath();
        Map<String, String> reasons = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            reasons.put(items.getString("items[" + i + "].userId"), items.getString("items[" + i + "].reason"));
        }
        assertThat(reasons).containsEntry(other, "NOT_ALLOWED_IN_STATE").containsEntry(user, null);

        // activate gives the seat back to the deactivated user; an active one is refused; then a change of type
        String activate = admin.api().body(Map.of("action", "ACTIVATE", "userIds", List.of(user, other)))
                .post("/portals/{p}/users/bulk", portal).then().statusCode(202).extract().path("id");
        JsonPath activated = admin.completed(activate, Duration.ofSeconds(30));
        assertThat(activated.getInt("succeeded")).isEqualTo(1);
        admin.api().get("/jobs/{j}/items?outcome=FAILED", activate).then().body("items[0].userId", equalTo(other))
                .body("items[0].reason", equalTo("ALREADY_ACTIVE"));
        admin.api().get("/portals/{p}/users/{u}", portal, user).then().body("status", equalTo("CONFIRMED"));
        String partners = admin.api().body(Map.of("name", "Partners", "modules",
                        List.of(Map.of("module", "Contacts", "permissions", Map.of("view", true)))))
                .post("/portals/{p}/user-types", portal).then().statusCode(201).extract().path("id");
        String change = admin.api().body(Map.of("action", "CHANGE_TYPE", "userIds", List.of(user),
                "targetUserTypeId", partners)).post("/portals/{p}/users/bulk", portal).then().statusCode(202)
                .extract().path("id");
        assertThat(admin.completed(change, Duration.ofSeconds(30)).getInt("succeeded")).isEqualTo(1);
        admin.api().get("/portals/{p}/users/{u}", portal, user).then().body("userTypeId", equalTo(partners));

        // a reinvite overtaken by the user's removal still completes: the revoked invitation is reported, not lost
        String again = admin.api().body(Map.of("action", "REINVITE", "userIds", List.of(other)))
                .post("/portals/{p}/users/bulk", portal).then().statusCode(202).extract().path("id");
        String removal = admin.api().body(Map.of("action", "REMOVE", "userIds", List.of(other)))
                .post("/portals/{p}/users/bulk", portal).then().statusCode(202).extract().path("id");
        assertThat(admin.completed(removal, Duration.ofSeconds(30)).getInt("succeeded")).isEqualTo(1);
        JsonPath reinvited = admin.completed(again, Duration.ofSeconds(30));
        assertThat(reinvited.getInt("succeeded") + reinvited.getInt("failed")).isEqualTo(1);
        admin.api().get("/portals/{p}/users/{u}", portal, other).then().statusCode(404);

        // another org sees nothing of this one; a token without the scope is refused
        Gateway stranger = Gateway.newOrg();
        stranger.api().get("/portals/{p}/users", portal).then().statusCode(404);
        stranger.api().get("/jobs/{j}", job).then().statusCode(404);
        new Gateway(admin.org, "portal.config").api().get("/portals/{p}/users", portal).then().statusCode(403)
                .body("code", equalTo("MISSING_SCOPE"));
    }

    private static String invite(Gateway admin, String portal, String type, List<String> records) {
        return admin.api().body(Map.of("userTypeId", type, "recordIds", records))
                .post("/portals/{p}/invitations", portal).then().statusCode(202).extract().path("id");
    }

    private static String mail(String tag, int i) {
        return "trial-" + tag + "-" + i + "@customer.example";
    }

    private static List<String> mails(String address, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Gateway.inbox(address), m -> m.size() >= count)
                .stream().map(m -> (String) m.get("mimeMessage")).toList();
    }
}
