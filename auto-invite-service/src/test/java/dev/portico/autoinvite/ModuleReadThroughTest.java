package dev.portico.autoinvite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpExchange;
import dev.portico.kit.testing.StubService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A standard module the org never changed has no config event: the directory reads its metadata from
 * portal-config-service (here a stub) with the caller's token, so conditions on it validate.
 */
@QuarkusTest
@TestProfile(ModuleReadThroughTest.ReadThrough.class)
class ModuleReadThroughTest {

    static final AtomicReference<String> SEEN_AUTHORIZATION = new AtomicReference<>();

    @Inject
    World world;

    @Test
    void validatesConditionsAgainstModuleMetadataReadThroughWithTheCallersToken() {
        World.Org org = new World.Org("org-" + UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        world.userType(org, org.portalId, org.userTypeId);
        world.portal(org, org.portalId);
        await().atMost(Duration.ofSeconds(30)).until(() -> org.config()
                .get("/api/v1/portals/{p}/auto-invites", org.portalId).statusCode() == 200);

        org.create("""
                {"name": "French", "userTypeId": "%s", "triggers": ["CREATE"], "languageMode": "SINGLE",
                 "rules": [{"language": "fr", "condition": {"field": "Country", "op": "eq", "value": "France"}}]}"""
                .formatted(org.userTypeId));
        org.config().body("""
                {"name": "Nope", "userTypeId": "%s", "triggers": ["CREATE"], "languageMode": "SINGLE",
                 "rules": [{"language": "fr", "condition": {"field": "Shoe_Size", "op": "eq", "value": "42"}}]}"""
                .formatted(org.userTypeId))
                .post("/api/v1/portals/{p}/auto-invites", org.portalId).then().statusCode(422)
                .body("errors[0].field", equalTo("rules[0].condition.field"))
                .body("errors[0].code", equalTo("UNKNOWN_FIELD"));
        assertThat(SEEN_AUTHORIZATION.get()).startsWith("Bearer ");
    }

    public static class ReadThrough implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portico.config-directory.read-through", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ModuleStub.class));
        }
    }

    /** portal-config-service answering GET /api/v1/modules/Contacts (and 404 for anything else). */
    public static class ModuleStub extends StubService {

        @Override
        protected String clientKey() {
            return "portal-config";
        }

        @Override
        protected void handle(HttpExchange exchange) throws IOException {
            if (!exchange.getRequestURI().getPath().equals("/api/v1/modules/Contacts")) {
                respond(exchange, 404, null, null);
                return;
            }
            SEEN_AUTHORIZATION.set(exchange.getRequestHeaders().getFirst("Authorization"));
            respond(exchange, 200, "application/json", """
                    {"name": "Contacts", "standard": true, "nameField": "Full_Name", "emailField": "Email",
                     "fields": [{"name": "Full_Name", "type": "TEXT"}, {"name": "Email", "type": "EMAIL"},
                                {"name": "Country", "type": "TEXT"}]}""");
        }
    }
}
