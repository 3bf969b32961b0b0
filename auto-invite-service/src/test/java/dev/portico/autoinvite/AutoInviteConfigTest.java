package dev.portico.autoinvite;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.portico.autoinvite.condition.ConditionCompiler;
import dev.portico.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Configurations: create, read, list, replace, pause, resume, delete, and validation that lists every problem. */
@QuarkusTest
class AutoInviteConfigTest {

    @Inject
    World world;

    static String multiple(World.Org org) {
        return """
                {"name": "Paying customers", "userTypeId": "%s", "triggers": ["CREATE", "UPDATE"],
                 "commonCondition": {"field": "Subscription", "op": "eq", "value": "Paid"},
                 "languageMode": "MULTIPLE",
                 "rules": [
                   {"language": "fr", "condition": {"field": "Country", "op": "in", "value": ["France", "Belgium"]}},
                   {"language": "de", "condition": {"all": [{"field": "Country", "op": "eq", "value": "Germany"},
                                                            {"not": {"field": "Email", "op": "is_empty"}}]}},
                   {"language": "en"}]}""".formatted(org.userTypeId);
    }

    @Test
    void createsReadsReplacesPausesResumesAndDeletes() {
        World.Org org = world.org();
        String id = org.config().body(multiple(org)).post("/api/v1/portals/{p}/auto-invites", org.portalId)
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/portals/" + org.portalId + "/auto-invites/" + org.config()
                        .get("/api/v1/portals/{p}/auto-invites", org.portalId).path("items[0].id")))
                .body("enabled", equalTo(true))
                .body("languageMode", equalTo("MULTIPLE"))
                .body("rules.language", contains("fr", "de", "en"))
                .body("rules[1].condition.all[1].not.op", equalTo("is_empty"))
                .body("commonCondition.value", equalTo("Paid"))
                .extract().path("id");
        String second = org.create("""
                {"name": "Everyone else", "userTypeId": "%s", "triggers": ["CREATE"], "languageMode": "SINGLE",
                 "rules": [{"language": "en", "condition": {"field": "Vip", "op": "eq", "value": true}}],
                 "enabled": false}""".formatted(org.userTypeId));

        org.config().get("/api/v1/portals/{p}/auto-invites", org.portalId).then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", contains(id, second))
                .body("items[1].enabled", equalTo(false));
        org.config().get("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, id).then().statusCode(200)
                .body("name", equalTo("Paying customers")).body("triggers", contains("CREATE", "UPDATE"));

        org.config().body("""
                {"name": "Paying customers (fr)", "userTypeId": "%s", "triggers": ["UPDATE"], "languageMode": "SINGLE",
                 "rules": [{"language": "fr", "condition": {"field": "Country", "op": "eq", "value": "France"}}]}"""
                .formatted(org.userTypeId))
                .put("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, id).then().statusCode(200)
                .body("name", equalTo("Paying customers (fr)")).body("triggers", contains("UPDATE"))
                .body("commonCondition", nullValue()).body("rules", hasSize(1)).body("enabled", equalTo(true));

        org.config().post("/api/v1/portals/{p}/auto-invites/{c}/disable", org.portalId, id).then().statusCode(200)
                .body("enabled", equalTo(false));
        org.config().get("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, id).then().body("enabled", equalTo(false));
        org.config().post("/api/v1/portals/{p}/auto-invites/{c}/enable", org.portalId, id).then().statusCode(200)
                .body("enabled", equalTo(true));

        org.config().delete("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, id).then().statusCode(204);
        org.config().get("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, id).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("AUTO_INVITE_NOT_FOUND"));
        org.config().get("/api/v1/portals/{p}/auto-invites", org.portalId).then().body("items.id", contains(second));
    }

    @Test
    void unknownPortalsAndOtherOrgsConfigurationsAreNotFound() {
        World.Org org = world.org();
        String id = org.create(multiple(org));
        org.config().body(multiple(org)).post("/api/v1/portals/{p}/auto-invites", UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("PORTAL_NOT_FOUND"));
        World.Org other = world.org();
        RestAssured.given().header("Authorization", TestTokens.bearer(other.id, "portal.config"))
                .get("/api/v1/portals/{p}/auto-invites/{c}", other.portalId, id).then().statusCode(404)
                .body("code", equalTo("AUTO_INVITE_NOT_FOUND"));
        RestAssured.given().header("Authorization", TestTokens.bearer(other.id, "portal.config"))
                .get("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, id).then().statusCode(404)
                .body("code", equalTo("PORTAL_NOT_FOUND"));
        org.config().delete("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("AUTO_INVITE_NOT_FOUND"));
        org.users().get("/api/v1/portals/{p}/auto-invites", org.portalId).then().statusCode(403);
    }

    @Test
    void listsEveryProblemWithItsJsonPathAndSavesNothing() {
        World.Org org = world.org();
        org.config().body("""
                {"name": " ", "userTypeId": "%s", "triggers": ["CREATE", "DELETE", "CREATE"],
                 "commonCondition": {"any": []},
                 "languageMode": "SINGLE",
                 "rules": [
                   {"language": "fr", "condition": {"all": [{"field": "Nope", "op": "eq", "value": "x"},
                                                            {"field": "Age", "op": "starts_with", "value": "1"},
                                                            {"field": "Age", "op": "gt", "value": "ten"},
                                                            {"field": "Country", "op": "like", "value": "F"}]}},
                   {"language": "xx", "condition": {"field": "Vip", "op": "eq", "value": "yes"}},
                   {"language": "fr", "condition": {"field": "Birthday", "op": "between", "value": ["2020-01-01"]}},
                   {"language": "de", "condition": {"field": "Email", "op": "is_empty", "value": "x"}},
                   {"language": "es", "condition": {"field": "Revenue", "op": "between", "value": [10, 5]}},
                   {"language": "it", "condition": {"not": {"field": "Last_Login", "op": "gte", "value": "yesterday"}}},
                   {"language": "pt", "condition": {"field": "Interests", "op": "contains", "value": 3}},
                   {"language": "nl", "condition": {"field": "Partners", "op": "eq", "value": "a-1"}},
                   {"language": "ja", "condition": {"all": [], "any": []}},
                   {"language": "en", "condition": "France"}]}""".formatted(UUID.randomUUID()))
                .post("/api/v1/portals/{p}/auto-invites", org.portalId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("INVALID_AUTO_INVITE"))
                .body("errors.collect { it.field + ' ' + it.code }", containsInAnyOrder(
                        "name NAME_REQUIRED",
                        "userTypeId USER_TYPE_NOT_FOUND",
                        "triggers[1] UNKNOWN_TRIGGER",
                        "triggers[2] DUPLICATE_TRIGGER",
                        "commonCondition.any INVALID_CONDITION",
                        "rules SINGLE_NEEDS_ONE_RULE",
                        "rules[0].condition.all[0].field UNKNOWN_FIELD",
                        "rules[0].condition.all[1].op OPERATOR_NOT_ALLOWED",
                        "rules[0].condition.all[2].value INVALID_CONDITION_VALUE",
                        "rules[0].condition.all[3].op UNKNOWN_OPERATOR",
                        "rules[1].language UNSUPPORTED_LANGUAGE",
                        "rules[1].condition.value INVALID_CONDITION_VALUE",
                        "rules[2].language DUPLICATE_LANGUAGE",
                        "rules[2].condition.value INVALID_CONDITION_VALUE",
                        "rules[3].condition.value INVALID_CONDITION_VALUE",
                        "rules[4].condition.value INVALID_CONDITION_VALUE",
                        "rules[5].condition.not.value INVALID_CONDITION_VALUE",
                        "rules[6].condition.value INVALID_CONDITION_VALUE",
                        "rules[7].condition.op OPERATOR_NOT_ALLOWED",
                        "rules[8].condition INVALID_CONDITION",
                        "rules[9].condition INVALID_CONDITION"));
        org.config().get("/api/v1/portals/{p}/auto-invites", org.portalId).then().body("total", equalTo(0));
    }

    @Test
    void refusesAnOversizedConditionValueAndSavesNothing() {
        World.Org org = world.org();
        String longText = "F".repeat(ConditionCompiler.MAX_TEXT + 1);
        org.config().body("""
                {"name": "long", "userTypeId": "%s", "triggers": ["CREATE"], "languageMode": "SINGLE",
                 "rules": [{"language": "fr", "condition": {"any": [{"field": "Country", "op": "eq", "value": "%s"},
                                                                   {"field": "Country", "op": "in", "value": ["x", "%s"]}]}}]}"""
                        .formatted(org.userTypeId, longText, longText))
                .post("/api/v1/portals/{p}/auto-invites", org.portalId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("INVALID_AUTO_INVITE"))
                .body("errors.collect { it.field + ' ' + it.code }", containsInAnyOrder(
                        "rules[0].condition.any[0].value INVALID_CONDITION_VALUE",
                        "rules[0].condition.any[1].value[1] INVALID_CONDITION_VALUE"));
        org.config().get("/api/v1/portals/{p}/auto-invites", org.portalId).then().body("total", equalTo(0));
    }

    @Test
    void refusesMissingPartsAndUnknownModes() {
        World.Org org = world.org();
        org.config().body("{\"languageMode\": \"BOTH\", \"triggers\": []}")
                .post("/api/v1/portals/{p}/auto-invites", org.portalId)
                .then().statusCode(422)
                .body("errors.collect { it.field + ' ' + it.code }", containsInAnyOrder(
                        "name NAME_REQUIRED", "userTypeId USER_TYPE_REQUIRED", "triggers TRIGGERS_REQUIRED",
                        "languageMode UNKNOWN_LANGUAGE_MODE", "rules RULES_REQUIRED"));
        String id = org.create(multiple(org));
        org.config().body(multiple(org).replace("\"de\"", "\"fr\""))
                .put("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, id)
                .then().statusCode(422).body("errors.field", contains("rules[1].language"))
                .body("errors[0].code", equalTo("DUPLICATE_LANGUAGE"));
        org.config().get("/api/v1/portals/{p}/auto-invites/{c}", org.portalId, id)
                .then().body("rules.language", contains("fr", "de", "en"));
        org.config().body("{not json").post("/api/v1/portals/{p}/auto-invites", org.portalId)
                .then().statusCode(400).body("code", not(equalTo("INTERNAL_ERROR")));
        org.config().body(multiple(org).replace("\"Paying customers\"", "\"" + "x".repeat(201) + "\""))
                .post("/api/v1/portals/{p}/auto-invites", org.portalId)
                .then().statusCode(422).body("errors.field", contains("name"))
                .body("errors[0].code", equalTo("NAME_TOO_LONG"));
    }
}
