package dev.portico.config;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A database error is not read as a taken slug: only the slug's own unique key means SLUG_TAKEN. */
@QuarkusTest
class PortalNameTest {

    @Test
    void aNulInTheNameIsNotATakenSlug() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String slug = ConfigApi.uniqueSlug("nul");
        api.admin().body(Map.of("name", "Bad\u0000name", "module", "Contacts", "slug", slug))
                .when().post("/api/v1/portals").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", not(equalTo("SLUG_TAKEN")))
                .body("errors[0].field", equalTo("name"));
        String id = api.portal("Contacts");
        api.admin().body(Map.of("name", "Bad\u0000name")).when().patch("/api/v1/portals/{id}", id).then()
                .statusCode(400).body("errors[0].field", equalTo("name"));

        api.createPortal("Good name", "Contacts", slug).statusCode(201);
    }
}
