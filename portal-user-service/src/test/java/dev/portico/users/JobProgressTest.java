package dev.portico.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.InvitationDispatch;
import dev.portico.events.InvitationEvent;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TestTokens;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GET /jobs/{id}/events streams the job's progress as Server-Sent Events until it is COMPLETED. */
@QuarkusTest
class JobProgressTest {

    @Inject
    World world;

    @Inject
    ObjectMapper mapper;

    @TestHTTPResource("/api/v1/jobs")
    URL jobs;

    @Test
    void streamsProgressUntilCompleted() throws Exception {
        World.Org org = world.org(null);
        List<String> records = world.contacts(org, 3);
        world.awaitRecords(org, records);
        String job = org.admin().body(Map.of("userTypeId", org.userTypeId, "recordIds", records))
                .post("/api/v1/portals/{p}/invitations", org.portalId).then().statusCode(202).extract().path("id");

        HttpRequest request = HttpRequest.newBuilder(URI.create(jobs + "/" + job + "/events"))
                .header("Authorization", TestTokens.bearer(org.id, "portal.users"))
                .header("Accept", "text/event-stream").build();
        CompletableFuture<List<String>> stream = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    List<String> data = new ArrayList<>();
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            if (line.startsWith("data:")) {
                                data.add(line.substring(5).trim());
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return data;
                });

        try (TopicReader reader = new TopicReader(Topics.INVITATION_DISPATCH)) {
            for (var record : reader.readUntil(r -> r.value().contains(job), got -> got.size() == 3,
                    Duration.ofSeconds(20))) {
                Thread.sleep(400);
                world.outcome(mapper.readValue(record.value(), InvitationDispatch.class), InvitationEvent.Type.SENT, null);
            }
        }
        List<String> events = stream.get(30, TimeUnit.SECONDS);
        assertThat(events.size()).isGreaterThanOrEqualTo(2);
        assertThat(events.get(0)).contains("\"status\":\"RUNNING\"");
        assertThat(events.get(events.size() - 1)).contains("\"status\":\"COMPLETED\"").contains("\"succeeded\":3");
    }
}
