package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A bulk invite of 50 records through the gateway, eight of which fail, each for another reason of DESIGN §3 (the
 * gate's and invitation-service's): the job counts them exactly, its items name each reason, the CSV export says
 * the same, and the refused records get no mail.
 */
class FailureReasonsTest {

    @Test
    void everyFailureReasonIsCountedNamedAndExported() {
        Gateway admin = Gateway.newOrg();
        String tag = admin.org.substring(4, 12);
        admin.api().body(Map.of("name", "Reasons " + tag, "edition", "ENTERPRISE", "gdprEnabled", true,
                "companyDomains", List.of("reasons-" + tag + ".example"))).put("/org").then().statusCode(200);
        String portal = admin.api().body(Map.of("name", "Reasons", "module", "Contacts", "slug", "reasons-" + tag))
                .post("/portals").then().statusCode(201).extract().path("id");
        String type = admin.api().get("/portals/{p}/user-types", portal).then().extract().path("items[0].id");

        Map<String, String> expected = new LinkedHashMap<>(); // record id -> reason (null: sent)
        List<Map<String, Object>> events = new ArrayList<>();
        String granted = "GRANTED";
        for (int i = 0; i < 41; i++) {
            String id = "ok-" + i + "-" + tag;
            expected.put(id, null);
            events.add(event(admin, id, "Okay " + i, mail(tag, "ok" + i), Map.of("consent", granted)));
        }
        String shared = mail(tag, "shared");
        expected.put("first-" + tag, null);
        events.add(event(admin, "first-" + tag, "First Sharer", shared, Map.of("consent", granted)));
        expected.put("second-" + tag, "EMAIL_IN_USE");
        events.add(event(admin, "second-" + tag, "Second Sharer", shared.toUpperCase(), Map.of("consent", granted)));
        expected.put("colleague-" + tag, "COMPANY_DOMAIN");
        events.add(event(admin, "colleague-" + tag, "Colleague", "someone@sales.reasons-" + tag + ".example",
                Map.of("consent", granted)));
        expected.put("approval-" + tag, "AWAITING_APPROVAL");
        events.add(event(admin, "approval-" + tag, "Awaiting", mail(tag, "approval"),
                Map.of("consent", granted, "approval", "PENDING")));
        expected.put("review-" + tag, "UNDER_REVIEW");
        events.add(event(admin, "review-" + tag, "Reviewed", mail(tag, "review"),
                Map.of("consent", granted, "review", "IN_REVIEW")));
        expected.put("consent-" + tag, "NO_CONSENT");
        events.add(event(admin, "consent-" + tag, "Unconsenting", mail(tag, "consent"), Map.of("consent", "PENDING")));
        expected.put("nomail-" + tag, "MISSING_EMAIL");
        events.add(event(admin, "nomail-" + tag, "No Mail", null, Map.of("consent", granted)));
        expected.put("badmail-" + tag, "INVALID_EMAIL");
        events.add(event(admin, "badmail-" + tag, "Bad Mail", "not-an-address", Map.of("consent", granted)));
        admin.api().body(Map.of("events", events)).post("/crm/events").then().statusCode(202);
        List<String> known = new ArrayList<>(expected.keySet());
        admin.awaitRecords("Contacts", known);
        expected.put("unknown-" + tag, "RECORD_NOT_FOUND");
        assertThat(expected).hasSize(50);

        String job = admin.api().body(Map.of("userTypeId", type, "recordIds", new ArrayList<>(expected.keySet())))
                .post("/portals/{p}/invitations", portal).then().statusCode(202).extract().path("id");
        JsonPath done = admin.completed(job, Duration.ofSeconds(60));
        assertThat(done.getInt("succeeded")).isEqualTo(42);
        assertThat(done.getInt("failed")).isEqualTo(8);

        JsonPath items = admin.api().get("/jobs/{j}/items?size=100", job).then().statusCode(200).extract().jsonPath();
        Map<String, String> reasons = new HashMap<>();
        for (int i = 0; i < items.getList("items").size(); i++) {
            reasons.put(items.getString("items[" + i + "].recordId"), items.getString("items[" + i + "].reason"));
        }
        assertThat(reasons).isEqualTo(expected);
        assertThat(items.getList("items.message").stream().filter(m -> m != null).count())
                .as("every failure says what to do").isEqualTo(8);

        String csv = admin.api().accept("text/csv").get("/jobs/{j}/items?outcome=FAILED", job).then().statusCode(200)
                .extract().asString();
        Map<String, String> exported = new HashMap<>();
        for (String line : csv.split("\r\n")) {
            if (!line.isEmpty() && !line.startsWith("recordId,")) {
                String[] cells = line.split(",");
                exported.put(cells[0], cells[5]);
            }
        }
        Map<String, String> failures = new HashMap<>(expected);
        failures.values().removeIf(r -> r == null);
        assertThat(exported).as(csv).isEqualTo(failures);
        for (String refused : List.of("consent", "approval", "review")) {
            assertThat(Gateway.inbox(mail(tag, refused))).as(refused + " got no mail").isEmpty();
        }
    }

    private static String mail(String tag, String who) {
        return who + "-" + tag + "@customer.example";
    }

    private static Map<String, Object> event(Gateway admin, String id, String name, String email,
            Map<String, String> state) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Full_Name", name);
        if (email != null) {
            fields.put("Email", email);
        }
        return Map.of("eventId", UUID.randomUUID().toString(), "orgId", admin.org, "module", "Contacts",
                "recordId", id, "operation", "CREATED", "version", 1, "record", fields, "state", state);
    }
}
