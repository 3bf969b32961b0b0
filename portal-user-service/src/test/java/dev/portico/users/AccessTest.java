package dev.portico.users;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.portico.events.RecordChanged;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Portal data access: own record, lookup and multi-lookup sharing, only the permitted fields. */
@QuarkusTest
class AccessTest {

    @Inject
    World world;

    @Inject
    Seeds seeds;

    @Test
    void lookupAndMultiLookupShareRecordsWithOnlyThePermittedFields() {
        World.Org org = world.org(null);
        String ann = "c-" + UUID.randomUUID();
        String bob = "c-" + UUID.randomUUID();
        world.record(org, "Contacts", ann, 1, World.contactFields("Ann", "ann@customer.example"), RecordChanged.Operation.CREATED);
        world.record(org, "Contacts", bob, 1, World.contactFields("Bob", "bob@customer.example"), RecordChanged.Operation.CREATED);
        String annsDeal = "d-" + UUID.randomUUID();
        world.record(org, "Deals", annsDeal, 1, fields("Deal_Name", "Ann's deal", "Amount", 1200, "Stage", "Won",
                "Contact_Name", Map.of("id", ann)), RecordChanged.Operation.CREATED);
        String bobsDeal = "d-" + UUID.randomUUID();
        world.record(org, "Deals", bobsDeal, 1, fields("Deal_Name", "Bob's deal", "Amount", 5, "Stage", "Lost",
                "Contact_Name", Map.of("id", bob)), RecordChanged.Operation.CREATED);
        String shared = "k-" + UUID.randomUUID();
        world.record(org, "Cases", shared, 1, fields("Subject", "Shared case", "Priority", "High",
                "Related_Contacts", List.of(Map.of("id", ann), Map.of("id", bob))), RecordChanged.Operation.CREATED);
        world.awaitRecords(org, List.of(ann, bob, annsDeal, bobsDeal, shared));
        UUID annUser = seeds.user(org, org.userTypeId, ann, "Ann", "ann@customer.example", true, true);
        UUID bobUser = seeds.user(org, org.userTypeId, bob, "Bob", "bob@customer.example", true, true);

        org.admin().get("/api/v1/portals/{p}/users/{u}/access/Deals", org.portalId, annUser).then().statusCode(200)
                .body("module", equalTo("Deals")).body("permissions.view", equalTo(true))
                .body("items.recordId", containsInAnyOrder(annsDeal))
                .body("items[0].fields.Deal_Name", equalTo("Ann's deal"))
                .body("items[0].fields", not(hasKey("Stage")));
        org.admin().get("/api/v1/portals/{p}/users/{u}/access/Cases", org.portalId, annUser).then()
                .body("items.recordId", containsInAnyOrder(shared))
                .body("items[0].fields", not(hasKey("Priority")));
        org.admin().get("/api/v1/portals/{p}/users/{u}/access/Cases", org.portalId, bobUser).then()
                .body("items.recordId", containsInAnyOrder(shared));
        org.admin().get("/api/v1/portals/{p}/users/{u}/access/Contacts", org.portalId, bobUser).then()
                .body("items.recordId", containsInAnyOrder(bob))
                .body("items[0].fields.Email", equalTo("bob@customer.example"))
                .body("items[0].fields", not(hasKey("Country")));
        org.admin().get("/api/v1/portals/{p}/users/{u}/access/Accounts", org.portalId, bobUser).then().statusCode(403)
                .body("code", equalTo("MODULE_NOT_ACCESSIBLE"));

        UUID parked = seeds.user(org, org.userTypeId, "c-parked", "Parked", "parked@customer.example", false, true);
        org.admin().get("/api/v1/portals/{p}/users/{u}/access/Deals", org.portalId, parked).then().statusCode(403)
                .body("code", equalTo("USER_DEACTIVATED"));
        World.Org other = world.org(null);
        other.admin().get("/api/v1/portals/{p}/users/{u}/access/Deals", org.portalId, annUser).then().statusCode(404);
    }

    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
