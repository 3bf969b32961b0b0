package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.portico.events.ConfigEvent;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DESIGN §3 trials, driven by a test clock; the scheduler (every second here) notices expiry and deletion. */
@QuarkusTest
class TrialLifecycleTest {

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.set(Instant.now());
    }

    @Test
    void trialGetsTheDefaultContactsPortalAndTrialLimits() {
        ConfigApi api = ConfigApi.newOrg();
        api.putOrg("{\"name\":\"Trial Co\",\"edition\":\"FREE\",\"trial\":{\"edition\":\"ULTIMATE\"}}")
                .statusCode(200)
                .body("trial.edition", equalTo("ULTIMATE"))
                .body("trial.active", equalTo(true))
                .body("limits.portals", equalTo(1))
                .body("limits.usersPerPortal", equalTo(10))
                .body("limits.createPortals", equalTo(false));

        String portalId = api.admin().when().get("/api/v1/portals").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].system", equalTo(true))
                .body("items[0].module", equalTo("Contacts"))
                .body("items[0].status", equalTo("ACTIVE"))
                .body("items[0].slug", org.hamcrest.Matchers.startsWith("trial-co"))
                .extract().path("items[0].id");
        api.admin().when().get("/api/v1/portals/{id}/user-types", portalId).then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].modules[0].module", equalTo("Contacts"))
                .body("items[0].modules[0].permissions.view", equalTo(true));

        api.createPortal("Second", "Contacts", ConfigApi.uniqueSlug("second")).statusCode(409)
                .body("code", equalTo("PORTAL_LIMIT_REACHED"));
        api.admin().body("{\"name\":\"Trial Co\",\"edition\":\"FREE\",\"trial\":{\"edition\":\"ULTIMATE\"}}")
                .when().put("/api/v1/org").then().statusCode(200);
        api.admin().when().get("/api/v1/portals").then().body("total", equalTo(1));

        List<ConfigEvent> events = api.events(ConfigApi.has(ConfigEvent.Type.USER_TYPE_CREATED, 1));
        assertThat(events).extracting(ConfigEvent::type).contains(ConfigEvent.Type.PORTAL_CREATED,
                ConfigEvent.Type.USER_TYPE_CREATED, ConfigEvent.Type.ORG_UPDATED);
        assertThat(events.stream().filter(e -> e.type() == ConfigEvent.Type.ORG_UPDATED).findFirst().orElseThrow()
                .org().limits().usersPerPortal()).isEqualTo(10);
    }

    @Test
    void trialEndingOnFreeDisablesThePortalAndDeletesItThirtyDaysLater() {
        ConfigApi api = ConfigApi.newOrg();
        api.putOrg("{\"edition\":\"FREE\",\"trial\":{\"edition\":\"ENTERPRISE\"}}").statusCode(200);
        String portalId = api.admin().when().get("/api/v1/portals").then().extract().path("items[0].id");

        TestClockProducer.CLOCK.advance(Duration.ofDays(31));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> api.admin()
                .when().get("/api/v1/portals/{id}", portalId).then().statusCode(200)
                .body("status", equalTo("DISABLED")).body("suspended", equalTo(true)));
        Instant scheduled = Instant.parse(api.admin().when().get("/api/v1/org").then().statusCode(200)
                .body("trial.active", equalTo(false))
                .body("trial.endedAt", notNullValue())
                .body("limits.portals", equalTo(0))
                .extract().path("portalDeletionScheduledAt"));
        assertThat(scheduled).isAfter(TestClockProducer.CLOCK.instant().plus(Duration.ofDays(29)));

        api.admin().body("{\"status\":\"ACTIVE\"}").when().patch("/api/v1/portals/{id}", portalId)
                .then().statusCode(403).body("code", equalTo("EDITION_NOT_SUPPORTED"));

        TestClockProducer.CLOCK.advance(Duration.ofDays(31));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> api.admin()
                .when().get("/api/v1/portals/{id}", portalId).then().statusCode(404));
        api.admin().when().get("/api/v1/org").then().body("portalDeletionScheduledAt", nullValue());

        List<ConfigEvent> events = api.events(ConfigApi.has(ConfigEvent.Type.PORTAL_DELETED, 1));
        assertThat(events).filteredOn(e -> e.type() == ConfigEvent.Type.PORTAL_UPDATED)
                .anyMatch(e -> "DISABLED".equals(e.portal().status()));
        assertThat(events).filteredOn(e -> e.type() == ConfigEvent.Type.PORTAL_DELETED)
                .extracting(e -> e.portal().id()).containsExactly(portalId);
    }

    @Test
    void subscribingToStandardDuringTheTrialRetainsThePortal() {
        ConfigApi api = ConfigApi.newOrg();
        api.putOrg("{\"edition\":\"FREE\",\"trial\":{\"edition\":\"ENTERPRISE\"}}").statusCode(200);
        api.putOrg("{\"edition\":\"STANDARD\"}").statusCode(200)
                .body("trial.active", equalTo(false))
                .body("limits.portals", equalTo(1))
                .body("limits.usersPerPortal", nullValue())
                .body("portalDeletionScheduledAt", nullValue());

        TestClockProducer.CLOCK.advance(Duration.ofDays(62));
        api.admin().when().get("/api/v1/portals").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].status", equalTo("ACTIVE"));
        api.createPortal("More", "Contacts", ConfigApi.uniqueSlug("more")).statusCode(403)
                .body("code", equalTo("EDITION_NOT_SUPPORTED"));
    }

    @Test
    void subscribingToEnterpriseDuringTheTrialGivesFullLimitsAndKeepsThePortal() {
        ConfigApi api = ConfigApi.newOrg();
        api.putOrg("{\"edition\":\"FREE\",\"trial\":{\"edition\":\"ENTERPRISE\"}}").statusCode(200);
        String portalId = api.admin().when().get("/api/v1/portals").then().extract().path("items[0].id");
        api.admin().when().delete("/api/v1/portals/{id}", portalId).then().statusCode(409)
                .body("code", equalTo("SYSTEM_PORTAL_PROTECTED"));
        api.putOrg("{\"edition\":\"ENTERPRISE\"}").statusCode(200)
                .body("trial.active", equalTo(false))
                .body("limits.portals", equalTo(5))
                .body("limits.usersPerPortal", nullValue())
                .body("limits.createPortals", equalTo(true));
        api.portal("Contacts");
        api.admin().when().get("/api/v1/portals").then().body("total", equalTo(2));
        api.admin().when().get("/api/v1/portals/{id}", portalId).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("system", equalTo(true));
    }

    @Test
    void upgradeBeforeTheDeletionCancelsItAndRestoresThePortal() {
        ConfigApi api = ConfigApi.newOrg();
        api.putOrg("{\"edition\":\"FREE\",\"trial\":{\"edition\":\"ENTERPRISE\"}}").statusCode(200);
        String portalId = api.admin().when().get("/api/v1/portals").then().extract().path("items[0].id");
        TestClockProducer.CLOCK.advance(Duration.ofDays(31));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> api.admin().when().get("/api/v1/org").then()
                .body("portalDeletionScheduledAt", notNullValue()));

        api.putOrg("{\"edition\":\"ENTERPRISE\"}").statusCode(200)
                .body("portalDeletionScheduledAt", nullValue())
                .body("limits.portals", equalTo(5))
                .body("limits.createPortals", equalTo(true));
        api.admin().when().get("/api/v1/portals/{id}", portalId).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("suspended", equalTo(false));

        TestClockProducer.CLOCK.advance(Duration.ofDays(40));
        api.portal("Contacts");
        api.admin().when().get("/api/v1/portals/{id}", portalId).then().statusCode(200);
    }

    @Test
    void anOrgHasOneTrial() {
        ConfigApi api = ConfigApi.newOrg();
        api.putOrg("{\"edition\":\"FREE\",\"trial\":{\"edition\":\"ENTERPRISE\"}}").statusCode(200);
        api.putOrg("{\"edition\":\"PROFESSIONAL\"}").statusCode(200);
        api.putOrg("{\"edition\":\"FREE\",\"trial\":{\"edition\":\"ULTIMATE\"}}").statusCode(409)
                .body("code", equalTo("TRIAL_NOT_AVAILABLE"));
        ConfigApi paying = ConfigApi.newOrg().enterprise();
        paying.putOrg("{\"edition\":\"ENTERPRISE\",\"trial\":{\"edition\":\"ULTIMATE\"}}").statusCode(409)
                .body("code", equalTo("TRIAL_NOT_AVAILABLE"));
    }
}
