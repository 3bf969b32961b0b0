package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.portico.events.ConfigEvent;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrgTest {

    @Test
    void unconfiguredOrgIsFreeWithDefaults() {
        ConfigApi api = ConfigApi.newOrg();
        api.as("portal.users").when().get("/api/v1/org").then().statusCode(200)
                .body("id", equalTo(api.org))
                .body("edition", equalTo("FREE"))
                .body("defaultLanguage", equalTo("en"))
                .body("trial", nullValue())
                .body("limits.createPortals", equalTo(false))
                .body("limits.portals", equalTo(0));
    }

    @Test
    void savesSettingsAndAnnouncesThemWithLimits() {
        ConfigApi api = ConfigApi.newOrg();
        api.putOrg("""
                {"name":"Acme","edition":"ENTERPRISE","companyDomains":["Acme.com","@acme.fr","acme.com"],
                 "gdprEnabled":true,"defaultLanguage":"fr"}""")
                .statusCode(200)
                .body("companyDomains", contains("acme.com", "acme.fr"))
                .body("limits.portals", equalTo(5))
                .body("limits.userTypesPerPortal", equalTo(5))
                .body("limits.usersPerPortal", nullValue());
        api.admin().when().get("/api/v1/org").then().statusCode(200)
                .body("name", equalTo("Acme")).body("gdprEnabled", equalTo(true)).body("defaultLanguage", equalTo("fr"));

        List<ConfigEvent> events = api.events(ConfigApi.has(ConfigEvent.Type.ORG_UPDATED, 1));
        ConfigEvent event = events.get(0);
        assertThat(event.type()).isEqualTo(ConfigEvent.Type.ORG_UPDATED);
        assertThat(event.org().edition()).isEqualTo("ENTERPRISE");
        assertThat(event.org().companyDomains()).containsExactly("acme.com", "acme.fr");
        assertThat(event.org().limits().portals()).isEqualTo(5);
        assertThat(event.org().limits().usersPerPortal()).isNull();
    }

    @Test
    void invalidSettingsAreRefusedAndChangeNothing() {
        ConfigApi api = ConfigApi.newOrg();
        api.putOrg("{\"name\":\"Before\",\"edition\":\"STANDARD\"}").statusCode(200);

        api.putOrg("{\"name\":\"After\",\"edition\":\"STANDARD\",\"companyDomains\":[\"acme.com\",\"not a domain\"]}")
                .statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("INVALID_DOMAIN"))
                .body("errors[0].field", equalTo("companyDomains[1]"))
                .body("errors[0].code", equalTo("INVALID_DOMAIN"));
        api.putOrg("{\"edition\":\"STANDARD\",\"defaultLanguage\":\"french\"}")
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("defaultLanguage"));
        api.putOrg("{\"edition\":\"PLATINUM\"}")
                .statusCode(400).body("code", equalTo("INVALID_VALUE")).body("errors[0].field", equalTo("edition"));
        api.putOrg("{\"name\":\"After\"}")
                .statusCode(400).body("errors[0].field", equalTo("edition"));
        api.putOrg("{\"edition\":\"FREE\",\"trial\":{\"edition\":\"STANDARD\"}}")
                .statusCode(422).body("code", equalTo("TRIAL_EDITION_NOT_SUPPORTED"))
                .body("errors[0].field", equalTo("trial.edition"));
        api.putOrg("{\"edition\":\"FREE\",\"trial\":{\"edition\":\"ENTERPRISE\",\"endsAt\":\"2999-01-01T00:00:00Z\"}}")
                .statusCode(422).body("code", equalTo("INVALID_TRIAL_END"))
                .body("errors[0].field", equalTo("trial.endsAt"));

        api.admin().when().get("/api/v1/org").then().statusCode(200)
                .body("name", equalTo("Before")).body("edition", equalTo("STANDARD")).body("trial", nullValue());
    }

    @Test
    void savingNeedsOrgAdmin() {
        ConfigApi api = ConfigApi.newOrg();
        api.as("portal.config portal.users").body("{\"edition\":\"ENTERPRISE\"}")
                .when().put("/api/v1/org").then().statusCode(403)
                .body("code", equalTo("MISSING_SCOPE")).body("detail", org.hamcrest.Matchers.containsString("org.admin"));
        api.as("portal.users").when().get("/api/v1/org").then().statusCode(200).body("edition", equalTo("FREE"));
    }
}
