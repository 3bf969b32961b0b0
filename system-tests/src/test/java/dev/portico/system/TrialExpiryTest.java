package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A trial that runs out, end to end through the gateway, in real time: the admin sets the trial's end a few seconds
 * ahead (the API takes any end within 30 days), portal-config-service's scheduler ends it (every 2 s on the test
 * stack), and the org, back on FREE, keeps its portal suspended: new invites fail PORTAL_UNAVAILABLE and the link of
 * an invitation sent during the trial is refused the same way.
 */
class TrialExpiryTest {

    @Test
    void aTrialRunningOutOnFreeMakesThePortalUnavailableToInvitesAndToAcceptance() {
        Gateway admin = Gateway.newOrg();
        String tag = admin.org.substring(4, 12);
        Stack.gateway(); // the clock starts once the stack is up
        Instant endsAt = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        admin.api().body(Map.of("name", "Expiry " + tag, "edition", "FREE",
                "trial", Map.of("edition", "ENTERPRISE", "endsAt", endsAt.toString())))
                .put("/org").then().log().ifValidationFails().statusCode(200).body("trial.active", equalTo(true));
        JsonPath portals = admin.api().get("/portals").then().statusCode(200).extract().jsonPath();
        String portal = portals.getString("items[0].id");
        String type = admin.api().get("/portals/{p}/user-types", portal).then().extract().path("items[0].id");

        List<String> ids = List.of("x0-" + tag, "x1-" + tag);
        admin.createContacts(ids, i -> "Expiring Person " + i, i -> mail(tag, i));

        // during the trial: invited, and the mail's link is in hand
        String during = invite(admin, portal, type, ids.subList(0, 1));
        assertThat(admin.completed(during, Duration.ofSeconds(30)).getInt("succeeded")).isEqualTo(1);
        String token = InvitePathTest.token(await().atMost(Duration.ofSeconds(30))
                .until(() -> Gateway.inbox(mail(tag, 0)), m -> !m.isEmpty()).get(0).get("mimeMessage").toString());

        // the trial runs out: over on FREE, the portal is suspended
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> admin.api().get("/org").then().statusCode(200)
                .body("trial.active", equalTo(false)).body("edition", equalTo("FREE")));
        assertThat(Instant.now()).isAfterOrEqualTo(endsAt);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin.api().get("/portals/{p}", portal).then()
                .statusCode(200).body("suspended", equalTo(true)));

        // portal-user-service learns it from the config event: a probe for a record nobody has fails
        // RECORD_NOT_FOUND until then, PORTAL_UNAVAILABLE after (the portal is checked first), and changes nothing
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reasons(admin,
                invite(admin, portal, type, List.of("nobody-" + tag)))).containsExactly("PORTAL_UNAVAILABLE"));
        // a new invite: the job says why, and no mail goes out
        String after = invite(admin, portal, type, ids.subList(1, 2));
        assertThat(reasons(admin, after)).containsExactly("PORTAL_UNAVAILABLE");
        assertThat(Gateway.inbox(mail(tag, 1))).isEmpty();

        // the link sent during the trial is refused while the portal is unavailable
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Gateway.anonymous().body(Map.of("token", token))
                .post("/invitations/accept").then().statusCode(409).body("code", equalTo("PORTAL_UNAVAILABLE")));
    }

    private static String invite(Gateway admin, String portal, String type, List<String> records) {
        return admin.api().body(Map.of("userTypeId", type, "recordIds", records))
                .post("/portals/{p}/invitations", portal).then().statusCode(202).extract().path("id");
    }

    private static List<Object> reasons(Gateway admin, String job) {
        JsonPath done = admin.completed(job, Duration.ofSeconds(30));
        assertThat(done.getInt("failed")).isEqualTo(1);
        return admin.api().get("/jobs/{j}/items?outcome=FAILED", job).then().extract().jsonPath().getList("items.reason");
    }

    private static String mail(String tag, int i) {
        return "expiry-" + tag + "-" + i + "@customer.example";
    }
}
