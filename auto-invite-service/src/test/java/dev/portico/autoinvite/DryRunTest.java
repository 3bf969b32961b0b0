package dev.portico.autoinvite;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST …/{cfgId}/test evaluates a sample record and says why, requesting nothing. */
@QuarkusTest
class DryRunTest {

    @Inject
    World world;

    @Test
    void saysWhichRuleMatchedAndWhyTheOthersFailed() {
        World.Org org = world.org();
        String config = org.create(AutoInviteConfigTest.multiple(org).replace("{\"language\": \"en\"}",
                "{\"language\": \"en\", \"condition\": {\"field\": \"Subscription\", \"op\": \"changed\"}}"));

        org.config().body("""
                {"record": {"Country": "Germany", "Subscription": "Paid", "Email": "g@x.example"}}""")
                .post("/api/v1/portals/{p}/auto-invites/{c}/test", org.portalId, config).then().statusCode(200)
                .body("configId", equalTo(config))
                .body("commonConditionPassed", equalTo(true))
                .body("rules.matched", contains(false, true, false))
                .body("rules[0].failure.path", equalTo("rules[0].condition"))
                .body("rules[0].failure.reason", containsString("Germany"))
                .body("rules[2].failure.path", equalTo("rules[2].condition"))
                .body("rules[2].failure.reason", containsString("did not change"))
                .body("matchedRule", equalTo(1))
                .body("language", equalTo("de"))
                .body("wouldInvite", equalTo(true));

        org.config().body("""
                {"record": {"Country": "Germany", "Subscription": "Paid"}, "changedFields": ["Subscription"]}""")
                .post("/api/v1/portals/{p}/auto-invites/{c}/test", org.portalId, config).then().statusCode(200)
                .body("rules[1].failure.path", equalTo("rules[1].condition.all[1]"))
                .body("rules[1].failure.reason", containsString("negated"))
                .body("matchedRule", equalTo(2)).body("language", equalTo("en"));

        org.config().body("{\"record\": {\"Country\": \"France\", \"Subscription\": \"Free\"}}")
                .post("/api/v1/portals/{p}/auto-invites/{c}/test", org.portalId, config).then().statusCode(200)
                .body("commonConditionPassed", equalTo(false))
                .body("commonConditionFailure.path", equalTo("commonCondition"))
                .body("commonConditionFailure.reason", containsString("Free"))
                .body("rules[0].matched", equalTo(true))
                .body("language", equalTo("fr"))
                .body("wouldInvite", equalTo(false));

        org.config().post("/api/v1/portals/{p}/auto-invites/{c}/disable", org.portalId, config).then().statusCode(200);
        org.config().body("{\"record\": {\"Country\": \"France\", \"Subscription\": \"Paid\"}}")
                .post("/api/v1/portals/{p}/auto-invites/{c}/test", org.portalId, config).then().statusCode(200)
                .body("enabled", equalTo(false)).body("language", equalTo("fr")).body("wouldInvite", equalTo(false));

        org.config().body("{\"record\": {}}")
                .post("/api/v1/portals/{p}/auto-invites/{c}/test", org.portalId, config).then().statusCode(200)
                .body("matchedRule", nullValue()).body("language", nullValue()).body("wouldInvite", equalTo(false));
        org.config().body("{}").post("/api/v1/portals/{p}/auto-invites/{c}/test", org.portalId, config)
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        org.config().body("{\"record\": {}}")
                .post("/api/v1/portals/{p}/auto-invites/{c}/test", org.portalId, UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("AUTO_INVITE_NOT_FOUND"));
        org.users().body("{\"record\": {}}")
                .post("/api/v1/portals/{p}/auto-invites/{c}/test", org.portalId, config).then().statusCode(403);
    }
}
