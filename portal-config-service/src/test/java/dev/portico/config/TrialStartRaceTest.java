package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Orgs with the same name starting trials at once each get the default portal on a free variant of the slug. */
@QuarkusTest
class TrialStartRaceTest {

    @Test
    void sameNamedOrgsStartingTrialsTogetherAllGetAPortal() {
        String name = "Race " + UUID.randomUUID().toString().substring(0, 8);
        String base = name.toLowerCase().replace(' ', '-');
        List<ConfigApi> orgs = java.util.stream.IntStream.range(0, 6).mapToObj(i -> ConfigApi.newOrg()).toList();

        List<Integer> statuses = Concurrently.run(6, i -> orgs.get(i)
                .putOrg("{\"name\":\"" + name + "\",\"edition\":\"FREE\",\"trial\":{\"edition\":\"ENTERPRISE\"}}")
                .extract().statusCode());

        assertThat(statuses).containsOnly(200);
        List<String> slugs = orgs.stream().map(api -> api.admin().when().get("/api/v1/portals").then()
                .statusCode(200).extract().<String>path("items[0].slug")).toList();
        assertThat(slugs).doesNotHaveDuplicates().allMatch(slug -> slug.startsWith(base)).contains(base);
    }
}
