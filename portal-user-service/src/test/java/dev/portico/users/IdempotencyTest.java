package dev.portico.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An Idempotency-Key answers the first job again for the same body, and refuses another body. */
@QuarkusTest
class IdempotencyTest {

    @Inject
    World world;

    @Test
    void sameKeySameBodyIsOneJobAndOneDispatchAnotherBodyIsRefused() {
        World.Org org = world.org(null);
        List<String> records = world.contacts(org, 2);
        world.awaitRecords(org, records);
        String key = "retry-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("userTypeId", org.userTypeId, "recordIds", records);
        String first = org.admin().header("Idempotency-Key", key).body(body)
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(202).extract().path("id");
        String second = org.admin().header("Idempotency-Key", key).body(body)
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(202)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertThat(second).isEqualTo(first);
        org.admin().header("Idempotency-Key", key)
                .body(Map.of("userTypeId", org.userTypeId, "recordIds", records.subList(0, 1)))
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        org.admin().get("/api/v1/portals/{p}/jobs", org.portalId).then().body("total", equalTo(1));
        try (TopicReader reader = new TopicReader(Topics.INVITATION_DISPATCH)) {
            assertThat(reader.readUntil(r -> r.key().startsWith(org.id + "/"), got -> got.size() > 2,
                    Duration.ofSeconds(5))).hasSize(2);
        }
    }
}
