package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.portico.events.ConfigEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PortalUserServiceStub.class)
class UserTypeTest {

    private static final String CUSTOMERS = """
            {"name": "Customers",
             "modules": [
               {"module": "Contacts", "permissions": {"view": true, "edit": true},
                "fields": [{"name": "Full_Name", "access": "READ"}, {"name": "Phone", "access": "WRITE"}]},
               {"module": "Deals", "permissions": {"view": true}, "relatedVia": {"field": "Stakeholders"},
                "fields": [{"name": "Deal_Name", "access": "READ"}]},
               {"module": "Cases", "permissions": {"view": true, "create": true}, "relatedVia": {"field": "Contact_Name"},
                "fields": [{"name": "Subject", "access": "WRITE"}]}]}""";

    @Test
    void createsAUserTypeReachingModulesThroughLookups() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        var created = api.admin().body(CUSTOMERS).when().post("/api/v1/portals/{p}/user-types", portal).then()
                .statusCode(201)
                .body("name", equalTo("Customers"))
                .body("userCount", equalTo(0))
                .body("modules.module", contains("Contacts", "Deals", "Cases"))
                .body("modules[1].relatedVia.field", equalTo("Stakeholders"))
                .body("modules[0].fields.access", contains("READ", "WRITE"))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/user-types/" + id);
        api.as("portal.users").when().get("/api/v1/portals/{p}/user-types/{t}", portal, id).then().statusCode(200)
                .body("modules[2].permissions.create", equalTo(true));

        List<ConfigEvent> events = api.events(ConfigApi.has(ConfigEvent.Type.USER_TYPE_CREATED, 2));
        ConfigEvent event = events.stream().filter(e -> e.type() == ConfigEvent.Type.USER_TYPE_CREATED
                && "Customers".equals(e.userType().name())).findFirst().orElseThrow();
        assertThat(event.userType().modules()).extracting(ConfigEvent.ModuleAccess::relatedVia)
                .containsExactly(null, "Stakeholders", "Contact_Name");
    }

    @Test
    void everyViolationIsNamedByItsPath() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        api.admin().body("""
                {"name": "Broken", "modules": [
                   {"module": "Deals", "permissions": {"view": true}},
                   {"module": "Cases", "permissions": {"view": true}, "relatedVia": {"field": "Subject"}},
                   {"module": "Accounts", "permissions": {"view": true}, "relatedVia": {"field": "Nope"}},
                   {"module": "Deals", "permissions": {"view": true}, "relatedVia": {"field": "Account_Name"}},
                   {"module": "Policies", "permissions": {"view": true}},
                   {"module": "Contacts", "permissions": {"view": false, "edit": true}, "relatedVia": {"field": "Account_Name"},
                    "fields": [{"name": "Shoe_Size", "access": "READ"}, {"name": "Email", "access": "WRITE"}]}]}""")
                .when().post("/api/v1/portals/{p}/user-types", portal).then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("RELATED_VIA_REQUIRED"))
                .body("errors.field", contains(
                        "modules[0].relatedVia",
                        "modules[1].relatedVia.field",
                        "modules[2].relatedVia.field",
                        "modules[3].module",
                        "modules[4].module",
                        "modules[5].relatedVia",
                        "modules[5].permissions",
                        "modules[5].fields[0].name"))
                .body("errors.code", contains(
                        "RELATED_VIA_REQUIRED",
                        "NOT_A_LOOKUP",
                        "FIELD_NOT_FOUND",
                        "DUPLICATE_MODULE",
                        "MODULE_NOT_FOUND",
                        "RELATED_VIA_NOT_ALLOWED",
                        "INCONSISTENT_PERMISSIONS",
                        "FIELD_NOT_FOUND"));

        api.admin().body("""
                {"name": "No own module", "modules": [
                   {"module": "Deals", "permissions": {"view": true}, "relatedVia": {"field": "Account_Name"}}]}""")
                .when().post("/api/v1/portals/{p}/user-types", portal).then().statusCode(422)
                .body("code", equalTo("LOOKUP_TARGET_MISMATCH"))
                .body("errors.field", contains("modules[0].relatedVia.field", "modules"))
                .body("errors.code", contains("LOOKUP_TARGET_MISMATCH", "PORTAL_MODULE_REQUIRED"));
        api.admin().body("""
                {"name": "Read only", "modules": [
                   {"module": "Contacts", "permissions": {"view": true},
                    "fields": [{"name": "Email", "access": "WRITE"}, {"name": "Email", "access": "READ"}]}]}""")
                .when().post("/api/v1/portals/{p}/user-types", portal).then().statusCode(422)
                .body("code", equalTo("INCONSISTENT_FIELD_ACCESS"))
                .body("errors.field", contains("modules[0].fields[0].access", "modules[0].fields[1].name"))
                .body("errors.code", contains("INCONSISTENT_FIELD_ACCESS", "DUPLICATE_FIELD"));
        api.admin().body("{\"name\": \"x\", \"modules\": []}")
                .when().post("/api/v1/portals/{p}/user-types", portal).then().statusCode(400)
                .body("errors[0].field", equalTo("modules"));
        api.admin().body("{\"name\": \"x\", \"modules\": [{\"module\": \"Contacts\", \"permissions\": {\"view\": true},"
                        + " \"fields\": [{\"name\": \"Email\", \"access\": \"ADMIN\"}]}]}")
                .when().post("/api/v1/portals/{p}/user-types", portal).then().statusCode(400)
                .body("code", equalTo("INVALID_VALUE")).body("errors[0].field", equalTo("modules[0].fields[0].access"));

        api.admin().when().get("/api/v1/portals/{p}/user-types", portal).then().body("total", equalTo(1));
    }

    @Test
    void namesAreUniqueAndTheCountIsLimited() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        for (int i = 2; i <= 5; i++) {
            api.admin().body(simple("Type " + i)).when().post("/api/v1/portals/{p}/user-types", portal)
                    .then().statusCode(201);
        }
        api.admin().body(simple("type 2")).when().post("/api/v1/portals/{p}/user-types", portal).then()
                .statusCode(409).body("code", equalTo("USER_TYPE_LIMIT_REACHED"));
        // (the test clock stands still, so all five share a creation time: pick the one to delete by name)
        String id = api.admin().when().get("/api/v1/portals/{p}/user-types?size=10", portal).then()
                .body("total", equalTo(5)).extract().path("items.find { it.name == 'Type 5' }.id");
        api.admin().when().delete("/api/v1/portals/{p}/user-types/{t}", portal, id).then().statusCode(204);
        api.admin().body(simple("TYPE 2")).when().post("/api/v1/portals/{p}/user-types", portal).then()
                .statusCode(409).body("code", equalTo("USER_TYPE_NAME_TAKEN"));
    }

    @Test
    void updatesRevalidate() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        String id = api.defaultUserType(portal);
        api.admin().body("{\"name\":\"Members\"}").when().patch("/api/v1/portals/{p}/user-types/{t}", portal, id)
                .then().statusCode(200).body("name", equalTo("Members")).body("modules[0].module", equalTo("Contacts"));
        api.admin().body("{\"modules\":[{\"module\":\"Deals\",\"permissions\":{\"view\":true},"
                        + "\"relatedVia\":{\"field\":\"Contact_Name\"}}]}")
                .when().patch("/api/v1/portals/{p}/user-types/{t}", portal, id).then().statusCode(422)
                .body("code", equalTo("PORTAL_MODULE_REQUIRED"));
        api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, id).then()
                .body("modules.module", contains("Contacts"));

        List<ConfigEvent> events = api.events(ConfigApi.has(ConfigEvent.Type.USER_TYPE_UPDATED, 1));
        assertThat(events).filteredOn(e -> e.type() == ConfigEvent.Type.USER_TYPE_UPDATED)
                .extracting(e -> e.userType().name()).containsExactly("Members");
    }

    @Test
    void deletionKeepsTheLastTypeAndNeedsATargetForUsers() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        String first = api.defaultUserType(portal);
        api.admin().when().delete("/api/v1/portals/{p}/user-types/{t}", portal, first).then().statusCode(409)
                .body("code", equalTo("LAST_USER_TYPE"));
        String second = api.admin().body(simple("Partners")).when().post("/api/v1/portals/{p}/user-types", portal)
                .then().statusCode(201).extract().path("id");
        api.admin().when().delete("/api/v1/portals/{p}/user-types/{t}?transferTo={x}", portal, first, first).then()
                .statusCode(422).body("code", equalTo("INVALID_TRANSFER"));
        api.admin().when().delete("/api/v1/portals/{p}/user-types/{t}?transferTo={x}", portal, first, UUID.randomUUID())
                .then().statusCode(422).body("code", equalTo("USER_TYPE_NOT_FOUND"))
                .body("errors[0].field", equalTo("transferTo"));
        api.admin().when().delete("/api/v1/portals/{p}/user-types/{t}?transferTo={x}", portal, first, second).then()
                .statusCode(204);

        List<ConfigEvent> events = api.events(ConfigApi.has(ConfigEvent.Type.USER_TYPE_DELETED, 1));
        ConfigEvent deleted = events.stream().filter(e -> e.type() == ConfigEvent.Type.USER_TYPE_DELETED).findFirst()
                .orElseThrow();
        assertThat(deleted.userType().id()).isEqualTo(first);
        assertThat(deleted.transferToUserTypeId()).isEqualTo(second);
        assertThat(PortalUserServiceStub.REQUESTS).as("portal-user-service moved the users and retired the type")
                .contains("PUT /api/v1/portals/" + portal + "/user-types/" + first + "/retirement?transferTo=" + second);
    }

    @Test
    void portalUserServiceHasTheLastWordOnDeletion() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        api.defaultUserType(portal);
        String second = api.admin().body(simple("Partners")).when().post("/api/v1/portals/{p}/user-types", portal)
                .then().statusCode(201).extract().path("id");
        try {
            // users this service has not counted yet (a job is moving them in): portal-user-service refuses
            PortalUserServiceStub.answer(409, """
                    {"type":"about:blank","title":"Conflict","status":409,"code":"USER_TYPE_IN_USE",
                     "detail":"The user type has 3 users (invitations on their way included)."}""");
            api.admin().when().delete("/api/v1/portals/{p}/user-types/{t}", portal, second).then().statusCode(409)
                    .body("code", equalTo("USER_TYPE_IN_USE")).body("detail", containsString("3 users"));
            PortalUserServiceStub.answer(500, null);
            api.admin().when().delete("/api/v1/portals/{p}/user-types/{t}", portal, second).then().statusCode(503)
                    .body("code", equalTo("USERS_UNAVAILABLE"));
            api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, second).then().statusCode(200);
        } finally {
            PortalUserServiceStub.reset();
        }
        api.admin().when().delete("/api/v1/portals/{p}/user-types/{t}", portal, second).then().statusCode(204);
        api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, second).then().statusCode(404);
    }

    @Test
    void anotherOrgsUserTypesAreNotFound() {
        ConfigApi owner = ConfigApi.newOrg().enterprise();
        ConfigApi stranger = ConfigApi.newOrg().enterprise();
        String portal = owner.portal("Contacts");
        String type = owner.defaultUserType(portal);
        stranger.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, type).then().statusCode(404);
        stranger.admin().body(simple("Mine")).when().post("/api/v1/portals/{p}/user-types", portal).then()
                .statusCode(404).body("code", equalTo("PORTAL_NOT_FOUND"));
        stranger.admin().when().delete("/api/v1/portals/{p}/user-types/{t}", portal, type).then().statusCode(404);
        owner.admin().when().get("/api/v1/portals/{p}/user-types", portal).then()
                .body("items.name", hasItems("Contacts users"));
    }

    static String simple(String name) {
        return "{\"name\":\"" + name + "\",\"modules\":[{\"module\":\"Contacts\",\"permissions\":{\"view\":true}}]}";
    }
}
