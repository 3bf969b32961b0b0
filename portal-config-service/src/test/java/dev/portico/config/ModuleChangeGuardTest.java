package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A module change that would break a user type is refused, naming the user types that depend on it. */
@QuarkusTest
class ModuleChangeGuardTest {

    private static final String DEALS_WITH = """
            {"nameField": "Deal_Name", "fields": [{"name": "Deal_Name", "type": "TEXT"},
              {"name": "Amount", "type": "CURRENCY"},
              {"name": "Stakeholders", "type": "%s", "targetModule": %s}]}""";

    @Test
    void retargetingOrRetypingARelatedViaLookupIsRefused() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        createPartners(api, portal);

        api.admin().body(DEALS_WITH.formatted("MULTI_LOOKUP", "\"Accounts\"")).when().put("/api/v1/modules/Deals")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("FIELD_IN_USE"))
                .body("detail", containsString("'Partners'"))
                .body("errors[0].field", equalTo("fields[2].targetModule"))
                .body("errors[0].message", containsString("Partners"));
        api.admin().body(DEALS_WITH.formatted("TEXT", "null")).when().put("/api/v1/modules/Deals")
                .then().statusCode(409).body("code", equalTo("FIELD_IN_USE"))
                .body("errors[0].field", equalTo("fields[2].type"));
        api.admin().body("""
                {"fields": [{"name": "Deal_Name", "type": "TEXT"},
                  {"name": "Stakeholders", "type": "MULTI_LOOKUP", "targetModule": "Contacts"}]}""")
                .when().put("/api/v1/modules/Deals").then().statusCode(409).body("code", equalTo("FIELD_IN_USE"))
                .body("detail", containsString("'Partners'"))
                .body("errors.message", hasItem(containsString("'Amount'")));

        api.admin().when().get("/api/v1/modules/Deals").then().body("standard", equalTo(true))
                .body("fields.find { it.name == 'Stakeholders' }.targetModule", equalTo("Contacts"));
        api.admin().body(DEALS_WITH.formatted("LOOKUP", "\"Contacts\"")).when().put("/api/v1/modules/Deals")
                .then().statusCode(200);
    }

    @Test
    void aModuleChangeRacingAUserTypeNeverLeavesABrokenUserType() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        List<Integer> statuses = Concurrently.run(8, i -> i % 2 == 0
                ? api.admin().body(DEALS_WITH.formatted("MULTI_LOOKUP", "\"Accounts\""))
                        .when().put("/api/v1/modules/Deals").then().extract().statusCode()
                : api.admin().body(partners("Partners " + i)).when().post("/api/v1/portals/{p}/user-types", portal)
                        .then().extract().statusCode());
        assertThat(statuses).allMatch(s -> s == 200 || s == 201 || s == 409 || s == 422);

        String target = api.admin().when().get("/api/v1/modules/Deals").then().statusCode(200)
                .extract().path("fields.find { it.name == 'Stakeholders' }.targetModule");
        int types = api.admin().when().get("/api/v1/portals/{p}/user-types?size=10", portal).then().statusCode(200)
                .extract().path("total");
        if (types > 1) {
            assertThat(target).as("a user type relates Deals via Stakeholders").isEqualTo("Contacts");
        }
    }

    private static void createPartners(ConfigApi api, String portal) {
        api.admin().body(partners("Partners")).when().post("/api/v1/portals/{p}/user-types", portal).then()
                .statusCode(201);
    }

    private static String partners(String name) {
        return """
                {"name": "%s", "modules": [
                  {"module": "Contacts", "permissions": {"view": true}},
                  {"module": "Deals", "permissions": {"view": true}, "relatedVia": {"field": "Stakeholders"},
                   "fields": [{"name": "Amount", "access": "READ"}]}]}""".formatted(name);
    }
}
