package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The invite path end to end, through the gateway only, with all five services running as processes: the CRM
 * publishes contacts over HTTP, an admin bulk-invites them, invitations arrive in the SMTP server in the
 * record's language, the link in a mail is accepted and its user becomes CONFIRMED.
 */
class InvitePathTest {

    private static final Pattern TOKEN = Pattern.compile("accept\\?token=([A-Za-z0-9_\\-]{20,})");

    @Test
    void bulkInviteMailsTheInvitationsAndAcceptingConfirms() {
        Gateway admin = Gateway.newOrg();
        String tag = admin.org.substring(4, 12);
        admin.api().body(Map.of("name", "Acme " + tag, "edition", "ENTERPRISE", "defaultLanguage", "en",
                        "companyDomains", List.of("acme-" + tag + ".example")))
                .put("/org").then().statusCode(200);
        String portal = admin.api().body(Map.of("name", "Customers", "module", "Contacts", "slug", "e2e-" + tag))
                .post("/portals").then().statusCode(201).extract().path("id");
        // a portal created a moment ago works at once in the other services (their config directory reads
        // through to portal-config-service until its event arrives); an unknown one is a 404, not an empty page
        admin.api().get("/portals/{p}/users/counts", portal).then().statusCode(200).body("all", equalTo(0));
        admin.api().get("/portals/{p}/users/counts", UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("PORTAL_NOT_FOUND"));
        String userType = admin.api().get("/portals/{p}/user-types", portal).then().statusCode(200)
                .extract().path("items[0].id");

        String ann = contact("ann", tag), bob = contact("bob", tag), carl = contact("carl", tag);
        String annMail = "ann-" + tag + "@customer.example";
        String bobMail = "bob-" + tag + "@customer.example";
        admin.api().body(Map.of("events", List.of(
                        record(admin.org, ann, "Ann Archer", annMail, "French"),
                        record(admin.org, bob, "Bob Brown", bobMail, null),
                        record(admin.org, carl, "Carl Colleague", "carl@acme-" + tag + ".example", null))))
                .post("/crm/events").then().statusCode(202);

        // the CRM's records reach portal-user-service asynchronously (one Kafka poll, in practice)
        admin.awaitRecords("Contacts", List.of(ann, bob, carl));
        admin.api().get("/records/Contacts/{r}", ann).then().statusCode(200).body("name", equalTo("Ann Archer"));
        String job = admin.api().body(Map.of("userTypeId", userType, "recordIds", List.of(ann, bob, carl, "missing-" + tag)))
                .post("/portals/{p}/invitations", portal).then().statusCode(202).extract().path("id");
        admin.completed(job, Duration.ofSeconds(30));

        admin.api().get("/jobs/{j}", job).then().body("succeeded", equalTo(2)).body("failed", equalTo(2));
        JsonPath failed = admin.api().get("/jobs/{j}/items?outcome=FAILED", job).then().statusCode(200)
                .extract().jsonPath();
        Map<String, String> reasons = new HashMap<>();
        for (int i = 0; i < failed.getList("items").size(); i++) {
            reasons.put(failed.getString("items[" + i + "].recordId"), failed.getString("items[" + i + "].reason"));
        }
        assertThat(reasons).containsOnly(Map.entry(carl, "COMPANY_DOMAIN"), Map.entry("missing-" + tag, "RECORD_NOT_FOUND"));
        assertThat(Gateway.inbox("carl@acme-" + tag + ".example")).isEmpty();

        List<Map<String, Object>> annInbox = await().atMost(Duration.ofSeconds(20))
                .until(() -> Gateway.inbox(annMail), mails -> !mails.isEmpty());
        assertThat(annInbox).hasSize(1);
        assertThat((String) annInbox.get(0).get("subject")).startsWith("Invitation à rejoindre");
        assertThat((String) await().atMost(Duration.ofSeconds(20))
                .until(() -> Gateway.inbox(bobMail), mails -> !mails.isEmpty()).get(0).get("subject"))
                .startsWith("You're invited");

        String token = token((String) annInbox.get(0).get("mimeMessage"));
        Gateway.anonymous().body(Map.of("token", token)).post("/invitations/accept").then().statusCode(200)
                .body("portalId", equalTo(portal)).body("email", equalTo(annMail));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                admin.api().get("/portals/{p}/users?q=ann", portal).then().statusCode(200)
                        .body("total", equalTo(1)).body("items[0].status", equalTo("CONFIRMED")));
        Gateway.anonymous().body(Map.of("token", token)).post("/invitations/accept").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("INVITATION_ALREADY_ACCEPTED"));
        admin.api().get("/portals/{p}/users/counts", portal).then()
                .body("confirmed", equalTo(1)).body("unconfirmed", equalTo(1)).body("all", equalTo(2));
    }

    private static String contact(String who, String tag) {
        return who + "-" + tag + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> record(String org, String id, String name, String email, String language) {
        Map<String, Object> fields = new HashMap<>(Map.of("Full_Name", name, "Email", email));
        if (language != null) {
            fields.put("Language", language);
        }
        return Map.of("eventId", UUID.randomUUID().toString(), "orgId", org, "module", "Contacts", "recordId", id,
                "operation", "CREATED", "version", 1, "record", fields);
    }

    /** The token in a mail's accept link (quoted-printable soft breaks and escapes undone). */
    static String token(String mime) {
        String text = mime.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
        Matcher matcher = TOKEN.matcher(text);
        assertThat(matcher.find()).as("an accept link in the mail").isTrue();
        return matcher.group(1);
    }
}
