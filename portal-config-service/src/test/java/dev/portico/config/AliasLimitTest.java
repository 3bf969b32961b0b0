package dev.portico.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A portal keeps at most 10 old slugs (the default); the oldest is released first and anyone may take it. */
@QuarkusTest
class AliasLimitTest {

    @Test
    void theOldestAliasesAreReleasedBeyondTheLimit() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String prefix = ConfigApi.uniqueSlug("alias");
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            slugs.add(prefix + "-" + i);
        }
        String id = api.createPortal("P", "Contacts", slugs.get(0)).statusCode(201).extract().path("id");
        for (int i = 1; i <= 12; i++) {
            api.admin().body(Map.of("slug", slugs.get(i))).when().patch("/api/v1/portals/{id}", id).then().statusCode(200);
        }
        // slugs 0 and 1 went; reclaiming alias 5 makes 12 the newest alias, released after the others
        api.admin().body(Map.of("slug", slugs.get(5))).when().patch("/api/v1/portals/{id}", id).then().statusCode(200)
                .body("aliases", contains(slugs.get(2), slugs.get(3), slugs.get(4), slugs.get(6), slugs.get(7),
                        slugs.get(8), slugs.get(9), slugs.get(10), slugs.get(11), slugs.get(12)));
        api.admin().body(Map.of("slug", prefix + "-13")).when().patch("/api/v1/portals/{id}", id).then().statusCode(200)
                .body("aliases.size()", equalTo(10)).body("aliases[0]", equalTo(slugs.get(3)))
                .body("aliases[9]", equalTo(slugs.get(5)));

        given().when().get("/api/v1/portal-urls/{s}", slugs.get(0)).then().statusCode(404);
        given().when().get("/api/v1/portal-urls/{s}", slugs.get(2)).then().statusCode(404);
        given().when().get("/api/v1/portal-urls/{s}", slugs.get(3)).then().statusCode(200).body("alias", equalTo(true));
        ConfigApi.newOrg().enterprise().createPortal("Q", "Contacts", slugs.get(0)).statusCode(201);
    }
}
