package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.events.ConfigEvent;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user type is bounded (20 modules, 200 fields each, names of 100 characters, modules 50) so that what is
 * accepted over HTTP can always be published: the largest one arrives on Kafka.
 */
@QuarkusTest
class UserTypeSizeLimitTest {

    @Test
    void theLargestAcceptedUserTypeIsPublished() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        List<Map<String, Object>> modules = new ArrayList<>();
        modules.add(Map.of("module", "Contacts", "permissions", Map.of("view", true)));
        for (int m = 1; m <= 19; m++) {
            String module = "Big" + m;
            List<Map<String, Object>> fields = new ArrayList<>();
            List<Map<String, Object>> shown = new ArrayList<>();
            for (int f = 0; f < 200; f++) {
                String name = name100("F" + f);
                fields.add(f == 0 ? Map.of("name", name, "type", "MULTI_LOOKUP", "targetModule", "Contacts")
                        : Map.of("name", name, "type", "TEXT"));
                shown.add(Map.of("name", name, "access", "READ"));
            }
            api.admin().body(Map.of("fields", fields)).when().put("/api/v1/modules/{m}", module).then().statusCode(200);
            modules.add(Map.of("module", module, "permissions", Map.of("view", true),
                    "relatedVia", Map.of("field", name100("F0")), "fields", shown));
        }
        String name = name100("Largest");
        api.admin().body(Map.of("name", name, "modules", modules)).when().post("/api/v1/portals/{p}/user-types", portal)
                .then().statusCode(201);

        List<ConfigEvent> events = api.events(found -> found.stream().anyMatch(
                e -> e.type() == ConfigEvent.Type.USER_TYPE_CREATED && name.equals(e.userType().name())));
        ConfigEvent created = events.stream().filter(e -> e.type() == ConfigEvent.Type.USER_TYPE_CREATED
                && name.equals(e.userType().name())).findFirst().orElseThrow();
        assertThat(created.userType().modules()).hasSize(20);
        assertThat(created.userType().modules().get(19).fields()).hasSize(200);
    }

    @Test
    void largerUserTypesAreRefusedNamingTheField() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        Map<String, Object> contacts = Map.of("module", "Contacts", "permissions", Map.of("view", true));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add(contacts);
        }
        refused(api, portal, Map.of("name", "T", "modules", tooMany), "modules");

        List<Map<String, Object>> fields = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            fields.add(Map.of("name", "Email", "access", "READ"));
        }
        refused(api, portal, Map.of("name", "T", "modules", List.of(Map.of("module", "Contacts",
                "permissions", Map.of("view", true), "fields", fields))), "modules[0].fields");
        refused(api, portal, Map.of("name", "T", "modules", List.of(Map.of("module", "Contacts",
                "permissions", Map.of("view", true), "fields", List.of(Map.of("name", name100("E") + "x",
                        "access", "READ"))))), "modules[0].fields[0].name");
        refused(api, portal, Map.of("name", "T", "modules", List.of(Map.of("module", "C".repeat(51),
                "permissions", Map.of("view", true)))), "modules[0].module");
        refused(api, portal, Map.of("name", name100("N") + "x", "modules", List.of(contacts)), "name");

        api.admin().when().get("/api/v1/portals/{p}/user-types", portal).then().body("total", equalTo(1));
    }

    private static void refused(ConfigApi api, String portal, Map<String, Object> body, String field) {
        api.admin().body(body).when().post("/api/v1/portals/{p}/user-types", portal).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo(field));
    }

    private static String name100(String start) {
        return start + "_" + "x".repeat(99 - start.length());
    }
}
