package dev.portico.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Concurrent PUT /org and PATCH /portals/{id} on real threads: every answered change is kept or refused. */
@QuarkusTest
class ConcurrentPortalUpdateTest {

    @Test
    void concurrentOrgAndPortalWritesLoseNothing() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String initial = ConfigApi.uniqueSlug("race");
        String id = api.createPortal("Portal", "Contacts", initial).statusCode(201).extract().path("id");
        String prefix = ConfigApi.uniqueSlug("moved");

        for (int round = 0; round < 2; round++) {
            int base = round * 4;
            List<Outcome> outcomes = Concurrently.run(12, i -> {
                if (i % 3 == 2) {
                    String edition = i % 2 == 0 ? "FREE" : "ENTERPRISE";
                    return new Outcome(null, api.admin().body("{\"name\":\"Acme\",\"edition\":\"" + edition + "\"}")
                            .when().put("/api/v1/org").then().extract());
                }
                String slug = i % 3 == 0 ? prefix + "-" + (base + i / 3) : null;
                Map<String, Object> patch = slug == null ? Map.of("name", "Name " + i) : Map.of("slug", slug);
                return new Outcome(slug, api.admin().body(patch).when().patch("/api/v1/portals/{id}", id).then().extract());
            });

            Set<String> kept = new HashSet<>();
            for (Outcome outcome : outcomes) {
                int status = outcome.response.statusCode();
                assertThat(status).as(outcome.response.asString()).isIn(200, 409);
                if (status == 409) {
                    assertThat(outcome.response.contentType()).startsWith("application/problem+json");
                    assertThat(outcome.response.<String>path("code")).isEqualTo("CONCURRENT_UPDATE");
                } else if (outcome.slug != null) {
                    kept.add(outcome.slug);
                }
            }
            var portal = api.admin().when().get("/api/v1/portals/{id}", id).then().statusCode(200).extract();
            String current = portal.path("slug");
            List<String> aliases = portal.path("aliases");
            assertThat(aliases).doesNotContain(current).doesNotHaveDuplicates();
            Set<String> all = new HashSet<>(aliases);
            all.add(current);
            assertThat(all).contains(initial).containsAll(kept);

            int currentOnes = 0;
            for (String slug : all) {
                var resolved = given().when().get("/api/v1/portal-urls/{s}", slug).then().statusCode(200)
                        .body("portalId", equalTo(id)).body("slug", equalTo(current)).extract();
                currentOnes += resolved.<Boolean>path("alias") ? 0 : 1;
            }
            assertThat(currentOnes).isEqualTo(1);

            String edition = api.admin().when().get("/api/v1/org").then().statusCode(200).extract().path("edition");
            boolean suspended = portal.path("suspended");
            assertThat(suspended).as("suspended on edition " + edition).isEqualTo(edition.equals("FREE"));
        }
    }

    private record Outcome(String slug, ExtractableResponse<Response> response) {
    }
}
