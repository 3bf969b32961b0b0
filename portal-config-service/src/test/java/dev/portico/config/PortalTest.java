package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.events.ConfigEvent;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PortalTest {

    @Test
    void createsAPortalWithItsUrlAndDefaultUserType() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String slug = ConfigApi.uniqueSlug("acme");
        var created = api.createPortal(" Customer portal ", "Contacts", slug.toUpperCase())
                .statusCode(201)
                .body("name", equalTo("Customer portal"))
                .body("slug", equalTo(slug))
                .body("url", equalTo("https://" + slug + ".portals.localhost"))
                .body("aliases", empty())
                .body("status", equalTo("ACTIVE"))
                .body("invitationExpiryDays", equalTo(7))
                .body("system", equalTo(false))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/portals/" + id);
        api.admin().when().get("/api/v1/portals/{id}/user-types", id).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].name", equalTo("Contacts users"));
        api.as("portal.users").when().get("/api/v1/portals/{id}", id).then().statusCode(200);

        List<ConfigEvent> events = api.events(ConfigApi.has(ConfigEvent.Type.PORTAL_CREATED, 1));
        ConfigEvent event = events.stream().filter(e -> e.type() == ConfigEvent.Type.PORTAL_CREATED).findFirst()
                .orElseThrow();
        assertThat(event.portal().id()).isEqualTo(id);
        assertThat(event.portal().slug()).isEqualTo(slug);
        assertThat(event.portal().invitationExpiryDays()).isEqualTo(7);
    }

    @Test
    void editionsAndLimitsDecideWhoMayCreatePortals() {
        ConfigApi free = ConfigApi.newOrg();
        free.createPortal("P", "Contacts", ConfigApi.uniqueSlug("free")).statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("EDITION_NOT_SUPPORTED"));

        ConfigApi api = ConfigApi.newOrg().enterprise();
        for (int i = 0; i < 5; i++) {
            api.portal("Contacts");
        }
        api.createPortal("Sixth", "Contacts", ConfigApi.uniqueSlug("sixth")).statusCode(409)
                .body("code", equalTo("PORTAL_LIMIT_REACHED"));
        api.admin().when().get("/api/v1/portals?size=2&page=2").then().statusCode(200)
                .body("total", equalTo(5)).body("items.size()", equalTo(1)).body("page", equalTo(2));
    }

    @Test
    void badInputIsRefusedWithThePathAndCreatesNothing() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        api.createPortal("P", "Contacts", "a_b").statusCode(422).body("code", equalTo("INVALID_SLUG"))
                .body("errors[0].field", equalTo("slug"));
        api.createPortal("P", "Contacts", "ab").statusCode(422).body("code", equalTo("INVALID_SLUG"));
        api.createPortal("P", "Contacts", "-abc").statusCode(422).body("code", equalTo("INVALID_SLUG"));
        api.createPortal("P", "Contacts", "www").statusCode(422).body("code", equalTo("SLUG_RESERVED"));
        api.createPortal("P", "Policies", ConfigApi.uniqueSlug("p")).statusCode(422)
                .body("code", equalTo("MODULE_NOT_FOUND")).body("errors[0].field", equalTo("module"));
        api.admin().body(Map.of("name", "P", "module", "Contacts", "slug", ConfigApi.uniqueSlug("p"),
                        "invitationExpiryDays", 31))
                .when().post("/api/v1/portals").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("invitationExpiryDays"));
        api.admin().body("{\"name\":\"\",\"module\":\"Contacts\"}").when().post("/api/v1/portals").then()
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItems("name", "slug"));
        api.admin().body("{\"name\":\"P\",\"module\":\"Contacts\",\"slug\":\"x-y-z\",\"status\":\"SLEEPING\"}")
                .when().post("/api/v1/portals").then().statusCode(400).body("errors[0].field", equalTo("status"));
        api.admin().body("[1,2]").when().post("/api/v1/portals").then().statusCode(400);
        api.admin().body("{\"name\":\"x").when().post("/api/v1/portals").then().statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"));

        api.admin().when().get("/api/v1/portals").then().body("total", equalTo(0));
    }

    @Test
    void slugsAreUniqueAcrossOrgsAndOldOnesStayAsAliases() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        ConfigApi other = ConfigApi.newOrg().enterprise();
        String first = ConfigApi.uniqueSlug("first");
        String second = ConfigApi.uniqueSlug("second");
        String id = api.createPortal("P", "Contacts", first).statusCode(201).extract().path("id");
        other.createPortal("Q", "Contacts", first).statusCode(409).body("code", equalTo("SLUG_TAKEN"));

        api.admin().body(Map.of("slug", second)).when().patch("/api/v1/portals/{id}", id).then().statusCode(200)
                .body("slug", equalTo(second)).body("aliases", contains(first))
                .body("url", equalTo("https://" + second + ".portals.localhost"));

        io.restassured.RestAssured.given().when().get("/api/v1/portal-urls/{slug}", first).then().statusCode(200)
                .body("portalId", equalTo(id)).body("slug", equalTo(second)).body("alias", equalTo(true))
                .body("url", equalTo("https://" + second + ".portals.localhost"));
        io.restassured.RestAssured.given().when().get("/api/v1/portal-urls/{slug}", second).then().statusCode(200)
                .body("alias", equalTo(false));
        io.restassured.RestAssured.given().when().get("/api/v1/portal-urls/{slug}", "nobody-" + UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("PORTAL_NOT_FOUND"));

        other.createPortal("Q", "Contacts", first).statusCode(409).body("code", equalTo("SLUG_TAKEN"));
        String otherId = other.portal("Contacts");
        other.admin().body(Map.of("slug", first)).when().patch("/api/v1/portals/{id}", otherId).then()
                .statusCode(409).body("code", equalTo("SLUG_TAKEN"));

        api.admin().body(Map.of("slug", first)).when().patch("/api/v1/portals/{id}", id).then().statusCode(200)
                .body("slug", equalTo(first)).body("aliases", contains(second));

        api.admin().when().delete("/api/v1/portals/{id}", id).then().statusCode(204);
        io.restassured.RestAssured.given().when().get("/api/v1/portal-urls/{slug}", second).then().statusCode(404);
        other.createPortal("Q", "Contacts", second).statusCode(201);
    }

    @Test
    void updatesAndDeletes() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String id = api.portal("Contacts");
        api.admin().body("{\"name\":\"Renamed\",\"status\":\"DISABLED\",\"invitationExpiryDays\":30}")
                .when().patch("/api/v1/portals/{id}", id).then().statusCode(200)
                .body("name", equalTo("Renamed")).body("status", equalTo("DISABLED"))
                .body("invitationExpiryDays", equalTo(30));
        api.admin().body("{\"module\":\"Deals\"}").when().patch("/api/v1/portals/{id}", id).then().statusCode(422)
                .body("code", equalTo("MODULE_IMMUTABLE"));
        api.admin().body("{\"invitationExpiryDays\":0}").when().patch("/api/v1/portals/{id}", id).then()
                .statusCode(400).body("errors[0].field", equalTo("invitationExpiryDays"));
        api.admin().when().delete("/api/v1/portals/{id}", id).then().statusCode(204);
        api.admin().when().get("/api/v1/portals/{id}", id).then().statusCode(404).body("code", equalTo("PORTAL_NOT_FOUND"));

        List<ConfigEvent> events = api.events(ConfigApi.has(ConfigEvent.Type.PORTAL_DELETED, 1));
        assertThat(events).extracting(ConfigEvent::type).containsSubsequence(ConfigEvent.Type.PORTAL_CREATED,
                ConfigEvent.Type.PORTAL_UPDATED, ConfigEvent.Type.PORTAL_DELETED);
    }

    @Test
    void anotherOrgsPortalIsNotFound() {
        ConfigApi owner = ConfigApi.newOrg().enterprise();
        ConfigApi stranger = ConfigApi.newOrg().enterprise();
        String id = owner.portal("Contacts");
        stranger.admin().when().get("/api/v1/portals/{id}", id).then().statusCode(404);
        stranger.admin().body("{\"name\":\"mine\"}").when().patch("/api/v1/portals/{id}", id).then().statusCode(404);
        stranger.admin().when().delete("/api/v1/portals/{id}", id).then().statusCode(404);
        stranger.admin().when().get("/api/v1/portals/{id}/user-types", id).then().statusCode(404);
        stranger.admin().when().get("/api/v1/portals").then().body("total", equalTo(0));
        owner.admin().when().get("/api/v1/portals/{id}", id).then().statusCode(200).body("name", equalTo("Portal"));
    }

    @Test
    void scopesAreEnforced() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        api.as("portal.users").body(Map.of("name", "P", "module", "Contacts", "slug", ConfigApi.uniqueSlug("s")))
                .when().post("/api/v1/portals").then().statusCode(403).body("code", equalTo("MISSING_SCOPE"));
        api.as("crm.events").when().get("/api/v1/portals").then().statusCode(403);
        api.as("portal.users").when().get("/api/v1/portals").then().statusCode(200);
        api.as("portal.users").when().get("/api/v1/modules").then().statusCode(403);
    }
}
