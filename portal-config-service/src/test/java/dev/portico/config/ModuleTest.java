package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.portico.events.ConfigEvent;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModuleTest {

    private static final String POLICIES = """
            {"nameField": "Policy_Number",
             "fields": [{"name": "Policy_Number", "type": "TEXT"},
                        {"name": "Premium", "type": "CURRENCY"},
                        {"name": "Policy_Holder", "type": "LOOKUP", "targetModule": "Contacts"},
                        {"name": "Beneficiaries", "type": "MULTI_LOOKUP", "targetModule": "Contacts"}]}""";

    @Test
    void standardModulesExistForEveryOrg() {
        ConfigApi api = ConfigApi.newOrg();
        api.admin().when().get("/api/v1/modules").then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.name", contains("Contacts", "Accounts", "Deals", "Cases"));
        api.admin().when().get("/api/v1/modules/Deals").then().statusCode(200)
                .body("standard", equalTo(true))
                .body("fields.find { it.name == 'Stakeholders' }.type", equalTo("MULTI_LOOKUP"))
                .body("fields.find { it.name == 'Stakeholders' }.targetModule", equalTo("Contacts"))
                .body("fields.find { it.name == 'Contact_Name' }.type", equalTo("LOOKUP"));
        api.admin().when().get("/api/v1/modules/Policies").then().statusCode(404)
                .body("code", equalTo("MODULE_NOT_FOUND"));
    }

    @Test
    void customModulesCanBeAddedAndUsedByUserTypes() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        api.admin().body(POLICIES).when().put("/api/v1/modules/Policies").then().statusCode(200)
                .body("name", equalTo("Policies")).body("standard", equalTo(false));
        api.admin().when().get("/api/v1/modules").then().body("total", equalTo(5))
                .body("items.name", hasItems("Policies"));
        String portal = api.portal("Contacts");
        api.admin().body("""
                {"name": "Holders", "modules": [
                  {"module": "Contacts", "permissions": {"view": true}},
                  {"module": "Policies", "permissions": {"view": true}, "relatedVia": {"field": "Beneficiaries"},
                   "fields": [{"name": "Premium", "access": "READ"}]}]}""")
                .when().post("/api/v1/portals/{p}/user-types", portal).then().statusCode(201);

        api.admin().body("{\"fields\": [{\"name\": \"Policy_Number\", \"type\": \"TEXT\"}]}")
                .when().put("/api/v1/modules/Policies").then().statusCode(409)
                .body("code", equalTo("FIELD_IN_USE"));
        api.admin().when().get("/api/v1/modules/Policies").then().body("fields.size()", equalTo(4));

        List<ConfigEvent> events = api.events(ConfigApi.has(ConfigEvent.Type.MODULE_UPDATED, 1));
        ConfigEvent updated = events.stream().filter(e -> e.type() == ConfigEvent.Type.MODULE_UPDATED).findFirst()
                .orElseThrow();
        assertThat(updated.module().name()).isEqualTo("Policies");
        assertThat(updated.module().fields()).extracting(ConfigEvent.Field::targetModule).contains("Contacts");
    }

    @Test
    void invalidDefinitionsAreRefusedWithPaths() {
        ConfigApi api = ConfigApi.newOrg();
        api.admin().body("""
                {"emailField": "Premium", "nameField": "Nope",
                 "fields": [{"name": "Premium", "type": "CURRENCY", "targetModule": "Contacts"},
                            {"name": "Premium", "type": "TEXT"},
                            {"name": "Holder", "type": "LOOKUP"},
                            {"name": "Broker", "type": "LOOKUP", "targetModule": "Brokers"}]}""")
                .when().put("/api/v1/modules/Policies").then().statusCode(422)
                .body("code", equalTo("TARGET_MODULE_NOT_ALLOWED"))
                .body("errors.field", contains("fields[0].targetModule", "fields[1].name", "fields[2].targetModule",
                        "fields[3].targetModule", "nameField", "emailField"))
                .body("errors.code", contains("TARGET_MODULE_NOT_ALLOWED", "DUPLICATE_FIELD", "TARGET_MODULE_NOT_FOUND",
                        "TARGET_MODULE_NOT_FOUND", "FIELD_NOT_FOUND", "NOT_AN_EMAIL_FIELD"));
        api.admin().body("{\"fields\": [{\"name\": \"1abc\", \"type\": \"TEXT\"}]}")
                .when().put("/api/v1/modules/Policies").then().statusCode(400)
                .body("errors[0].field", equalTo("fields[0].name"));
        api.admin().body("{\"fields\": [{\"name\": \"A\", \"type\": \"TEXT\"}]}")
                .when().put("/api/v1/modules/{m}", "bad-name").then().statusCode(422)
                .body("code", equalTo("INVALID_MODULE_NAME"));
        api.admin().body("{\"fields\": [{\"name\": \"A\", \"type\": \"HOLOGRAM\"}]}")
                .when().put("/api/v1/modules/Policies").then().statusCode(400)
                .body("errors[0].field", equalTo("fields[0].type"));
        api.admin().when().get("/api/v1/modules/Policies").then().statusCode(404);
    }

    @Test
    void aModuleMayLookUpItself() {
        ConfigApi api = ConfigApi.newOrg();
        api.admin().body("{\"fields\": [{\"name\": \"Name\", \"type\": \"TEXT\"},"
                        + "{\"name\": \"Parent\", \"type\": \"LOOKUP\", \"targetModule\": \"Projects\"}]}")
                .when().put("/api/v1/modules/Projects").then().statusCode(200);
    }
}
