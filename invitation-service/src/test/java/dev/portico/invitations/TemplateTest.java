package dev.portico.invitations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.portico.events.RecordState;
import dev.portico.kit.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Per-portal templates: validated, previewed, used in the mail, with record data escaped in HTML. */
@QuarkusTest
@QuarkusTestResource(ConfigServiceStub.class)
class TemplateTest {

    private static final String PATH = "/api/v1/portals/{p}/invitation-templates/{lang}";

    @Test
    void invalidTemplatesAre422NamingTheProblem() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = portal(org);
        admin(org).body(Map.of("subject", "Hi {name}", "html", "<p>{#if name}Hi</p>", "text", "{link}"))
                .when().put(PATH, portal, "en")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("INVALID_TEMPLATE"))
                .body("errors[0].field", equalTo("html"));
        admin(org).body(Map.of("subject", "Hi {name}", "html", "<p>{password}</p>", "text", "{user.secret} {link}"))
                .when().put(PATH, portal, "en")
                .then().statusCode(422)
                .body("code", equalTo("UNKNOWN_PLACEHOLDER"))
                .body("errors.field", hasItems("html", "text"))
                .body("errors[0].message", containsString("{password}"));
        admin(org).body(Map.of("subject", "", "html", "x", "text", "y"))
                .when().put(PATH, portal, "en")
                .then().statusCode(400).contentType("application/problem+json");
        admin(org).when().get(PATH, portal, "sv").then().statusCode(404).body("code", equalTo("LANGUAGE_NOT_SUPPORTED"));
        admin("other-" + org).when().get(PATH, portal, "en").then().statusCode(404)
                .body("code", equalTo("PORTAL_NOT_FOUND"));
    }

    @Test
    void builtInOverridePreviewAndDelete() {
        String org = "org-" + UUID.randomUUID();
        UUID portal = portal(org);
        admin(org).when().get(PATH, portal, "pt-BR").then().statusCode(200)
                .body("language", equalTo("pt")).body("custom", equalTo(false))
                .body("subject", equalTo("Convite para {portalName}"));
        admin(org).when().post(PATH + "/preview", portal, "Japanese").then().statusCode(200)
                .body("language", equalTo("ja"))
                .body("subject", equalTo("Acme Customers へのご招待"))
                .body("html", containsString("Jane Doe 様"))
                .body("text", containsString("/accept?token="));

        admin(org).body(Map.of("subject", "Benvenuto su {portalName}, {name}",
                        "html", "<p>Ciao <b>{name}</b>: <a href=\"{link}\">entra</a> entro {expiryDays} giorni</p>",
                        "text", "Ciao {name}: {link}"))
                .when().put(PATH, portal, "it").then().statusCode(200).body("custom", equalTo(true));
        admin(org).when().get(PATH, portal, "it").then().statusCode(200).body("custom", equalTo(true))
                .body("subject", equalTo("Benvenuto su {portalName}, {name}"));
        admin(org).body(Map.of("subject", "Bozza {name}", "html", "<i>{name}</i>", "text", "{name}"))
                .when().post(PATH + "/preview", portal, "it").then().statusCode(200)
                .body("subject", equalTo("Bozza Jane Doe")).body("html", equalTo("<i>Jane Doe</i>"));

        // the override goes out, and record data in the HTML body is text, never markup
        String email = Stack.newEmail();
        Stack.publish(Stack.dispatch(org, portal,
                Stack.record("<script>alert(1)</script>", email, "Italian", RecordState.CLEAR), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Stack.inbox(email).isEmpty());
        Map<String, Object> mail = Stack.inbox(email).get(0);
        assertThat(mail.get("subject").toString()).startsWith("Benvenuto su Acme Customers,");
        String mime = Stack.mime(mail);
        String html = mime.substring(mime.indexOf("text/html"));
        assertThat(html).contains("<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>").doesNotContain("<script>");

        admin(org).when().delete(PATH, portal, "it").then().statusCode(204);
        admin(org).when().get(PATH, portal, "it").then().statusCode(200).body("custom", equalTo(false))
                .body("subject", equalTo("Invito a {portalName}"));
    }

    private static UUID portal(String org) {
        UUID portal = Stack.orgWithPortal(org);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                admin(org).when().get(PATH, portal, "en").then().statusCode(200));
        return portal;
    }

    private static RequestSpecification admin(String org) {
        return given().header("Authorization", TestTokens.bearer(org, "portal.config")).contentType("application/json");
    }
}
