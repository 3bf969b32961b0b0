package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Related modules end to end through the gateway: a user type that shows Deals by their Contact_Name lookup and
 * Cases by their Related_Contacts multi-lookup; a deal appears in its contact's access list only, a case shared by
 * two contacts in both, each with only the fields the user type lists; another org finds nothing. Then the
 * portal's URL edited, the old one still resolving.
 */
class PortalDataAccessTest {

    @Test
    void lookupAndMultiLookupShareRecordsWithOnlyThePermittedFields() {
        Gateway admin = Gateway.newOrg();
        String tag = admin.org.substring(4, 12);
        admin.api().body(Map.of("name", "Access " + tag, "edition", "ENTERPRISE")).put("/org").then().statusCode(200);
        String portal = admin.api().body(Map.of("name", "Access", "module", "Contacts", "slug", "access-" + tag))
                .post("/portals").then().statusCode(201).extract().path("id");
        String type = admin.api().body(Map.of("name", "Customers", "modules", List.of(
                        Map.of("module", "Contacts", "permissions", Map.of("view", true),
                                "fields", List.of(Map.of("name", "Full_Name", "access", "READ"),
                                        Map.of("name", "Email", "access", "READ"))),
                        Map.of("module", "Deals", "permissions", Map.of("view", true),
                                "relatedVia", Map.of("field", "Contact_Name"),
                                "fields", List.of(Map.of("name", "Deal_Name", "access", "READ"))),
                        Map.of("module", "Cases", "permissions", Map.of("view", true),
                                "relatedVia", Map.of("field", "Related_Contacts"),
                                "fields", List.of(Map.of("name", "Subject", "access", "READ"))))))
                .post("/portals/{p}/user-types", portal).then().statusCode(201).extract().path("id");

        String ann = "ann-" + tag, bob = "bob-" + tag, annsDeal = "deal-a-" + tag, bobsDeal = "deal-b-" + tag;
        String shared = "case-" + tag;
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event(admin, "Contacts", ann, fields("Full_Name", "Ann Access", "Email", "ann-" + tag
                + "@customer.example", "Country", "France")));
        events.add(event(admin, "Contacts", bob, fields("Full_Name", "Bob Access", "Email", "bob-" + tag
                + "@customer.example")));
        events.add(event(admin, "Deals", annsDeal, fields("Deal_Name", "Ann's deal", "Stage", "Won",
                "Contact_Name", Map.of("id", ann))));
        events.add(event(admin, "Deals", bobsDeal, fields("Deal_Name", "Bob's deal", "Stage", "Lost",
                "Contact_Name", Map.of("id", bob))));
        events.add(event(admin, "Cases", shared, fields("Subject", "Shared case", "Priority", "High",
                "Related_Contacts", List.of(Map.of("id", ann), Map.of("id", bob)))));
        admin.api().body(Map.of("events", events)).post("/crm/events").then().statusCode(202);
        admin.awaitRecords("Contacts", List.of(ann, bob));
        admin.awaitRecords("Deals", List.of(annsDeal, bobsDeal));
        admin.awaitRecords("Cases", List.of(shared));

        String job = admin.api().body(Map.of("userTypeId", type, "recordIds", List.of(ann, bob)))
                .post("/portals/{p}/invitations", portal).then().statusCode(202).extract().path("id");
        assertThat(admin.completed(job, Duration.ofSeconds(30)).getInt("succeeded")).isEqualTo(2);
        String annUser = user(admin, portal, ann);
        String bobUser = user(admin, portal, bob);

        admin.api().get("/portals/{p}/users/{u}/access/Deals", portal, annUser).then().statusCode(200)
                .body("items.recordId", containsInAnyOrder(annsDeal))
                .body("items[0].fields.Deal_Name", equalTo("Ann's deal"))
                .body("items[0].fields", not(hasKey("Stage")));
        admin.api().get("/portals/{p}/users/{u}/access/Deals", portal, bobUser).then()
                .body("items.recordId", containsInAnyOrder(bobsDeal));
        for (String user : List.of(annUser, bobUser)) {
            admin.api().get("/portals/{p}/users/{u}/access/Cases", portal, user).then()
                    .body("items.recordId", containsInAnyOrder(shared))
                    .body("items[0].fields.Subject", equalTo("Shared case"))
                    .body("items[0].fields", not(hasKey("Priority")));
        }
        admin.api().get("/portals/{p}/users/{u}/access/Contacts", portal, annUser).then()
                .body("items.recordId", containsInAnyOrder(ann)).body("items[0].fields", not(hasKey("Country")));
        admin.api().get("/portals/{p}/users/{u}/access/Accounts", portal, annUser).then().statusCode(403)
                .body("code", equalTo("MODULE_NOT_ACCESSIBLE"));
        Gateway.newOrg().api().get("/portals/{p}/users/{u}/access/Deals", portal, annUser).then().statusCode(404);

        // the portal's URL edited: the old one still resolves, to the new one
        admin.api().body(Map.of("slug", "access2-" + tag)).patch("/portals/{p}", portal).then().statusCode(200);
        Gateway.anonymous().get("/portal-urls/{s}", "access-" + tag).then().statusCode(200)
                .body("portalId", equalTo(portal)).body("alias", equalTo(true));
        Gateway.anonymous().get("/portal-urls/{s}", "access2-" + tag).then().statusCode(200)
                .body("portalId", equalTo(portal));
    }

    private static String user(Gateway admin, String portal, String recordId) {
        List<Map<String, Object>> users = admin.api().get("/portals/{p}/users?filter=all&size=100", portal).then()
                .statusCode(200).extract().path("items");
        return users.stream().filter(u -> recordId.equals(u.get("recordId"))).map(u -> (String) u.get("id"))
                .findFirst().orElseThrow(() -> new AssertionError("no user for " + recordId + ": " + users));
    }

    private static Map<String, Object> event(Gateway admin, String module, String recordId, Map<String, Object> fields) {
        return Map.of("eventId", UUID.randomUUID().toString(), "orgId", admin.org, "module", module,
                "recordId", recordId, "operation", "CREATED", "version", 1, "record", fields);
    }

    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
