package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Auto-invite end to end: a configuration with a common condition and French and German rules; contacts created
 * and updated in the CRM become UNCONFIRMED portal users with a mail in their language; one the eligibility gate
 * refuses lands in the failure log.
 */
class AutoInvitePathTest {

    @Test
    void recordsMeetingTheConditionsAreInvitedInTheirLanguage() {
        Gateway admin = Gateway.newOrg();
        String tag = admin.org.substring(4, 12);
        admin.api().body(Map.of("name", "Auto " + tag, "edition", "ENTERPRISE",
                        "companyDomains", List.of("auto-" + tag + ".example")))
                .put("/org").then().statusCode(200);
        String portal = admin.api().body(Map.of("name", "Customers", "module", "Contacts", "slug", "auto-" + tag))
                .post("/portals").then().statusCode(201).extract().path("id");
        String type = admin.api().get("/portals/{p}/user-types", portal).then().statusCode(200)
                .extract().path("items[0].id");
        String config = admin.api().body(Map.of("name", "Paying customers", "userTypeId", type,
                        "triggers", List.of("CREATE", "UPDATE"),
                        "commonCondition", Map.of("field", "Subscription", "op", "eq", "value", "Paid"),
                        "languageMode", "MULTIPLE",
                        "rules", List.of(
                                Map.of("language", "fr", "condition", Map.of("field", "Country", "op", "eq", "value", "France")),
                                Map.of("language", "de", "condition", Map.of("field", "Country", "op", "eq", "value", "Germany"))),
                        "enabled", true))
                .post("/portals/{p}/auto-invites", portal).then().statusCode(201).extract().path("id");

        String marie = "marie-" + tag + "@customer.example";
        String hans = "hans-" + tag + "@customer.example";
        String colleague = "paul@auto-" + tag + ".example";
        crm(admin, "c-marie", 1, "CREATED", "Marie Curie", marie, "France", "Paid");
        crm(admin, "c-hans", 1, "CREATED", "Hans Meier", hans, "Germany", "Free");      // common condition fails
        crm(admin, "c-paul", 1, "CREATED", "Paul Colleague", colleague, "France", "Paid"); // COMPANY_DOMAIN

        List<Map<String, Object>> french = await().atMost(Duration.ofSeconds(40))
                .until(() -> Gateway.inbox(marie), mails -> !mails.isEmpty());
        assertThat((String) french.get(0).get("subject")).startsWith("Invitation à rejoindre");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin.api().get("/portals/{p}/users?q=marie", portal)
                .then().body("total", equalTo(1)).body("items[0].status", equalTo("UNCONFIRMED")));
        assertThat(Gateway.inbox(hans)).isEmpty();

        // Hans subscribes: the update meets the conditions now, and the German rule picks his language
        crm(admin, "c-hans", 2, "UPDATED", "Hans Meier", hans, "Germany", "Paid");
        List<Map<String, Object>> german = await().atMost(Duration.ofSeconds(40))
                .until(() -> Gateway.inbox(hans), mails -> !mails.isEmpty());
        assertThat((String) german.get(0).get("subject")).startsWith("Einladung zu");

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> admin.api()
                .get("/portals/{p}/auto-invites/failures?configId={c}", portal, config).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].reason", equalTo("COMPANY_DOMAIN"))
                .body("items[0].email", equalTo(colleague)));
        assertThat(Gateway.inbox(colleague)).isEmpty();
        assertThat(Gateway.inbox(marie)).hasSize(1);
    }

    private static void crm(Gateway admin, String id, int version, String operation, String name, String email,
            String country, String subscription) {
        admin.api().body(Map.of("eventId", UUID.randomUUID().toString(), "orgId", admin.org, "module", "Contacts",
                        "recordId", id, "operation", operation, "version", version,
                        "changedFields", List.of("Subscription"),
                        "record", Map.of("Full_Name", name, "Email", email, "Country", country,
                                "Subscription", subscription)))
                .post("/crm/events").then().statusCode(202);
    }
}
