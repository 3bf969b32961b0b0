package dev.portico.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.RecordChanged;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** CRM events over HTTP land on the real crm.record-changed topic, keyed by org/module/record, or not at all. */
@QuarkusTest
class CrmIntakeTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void oneEventIsPublishedWithItsKeyOnceKafkaAcknowledged() throws Exception {
        Api api = new Api();
        String eventId = UUID.randomUUID().toString();
        api.as("crm.events").header("X-Request-Id", "crm-" + eventId)
                .body("{\"eventId\":\"" + eventId + "\",\"module\":\"Contacts\",\"recordId\":\"5001\","
                        + "\"operation\":\"UPDATED\",\"version\":7,\"record\":{\"Email\":\"ana@example.com\","
                        + "\"Account_Name\":{\"id\":\"3001\"}},\"changedFields\":[\"Email\"],"
                        + "\"state\":{\"consent\":\"GRANTED\"}}")
                .when().post("/api/v1/crm/events").then().statusCode(202)
                .body("accepted", equalTo(1)).body("eventIds[0]", equalTo(eventId));

        List<ConsumerRecord<String, String>> records = read(api.org, 1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(api.org + "/Contacts/5001");
        RecordChanged event = mapper.readValue(records.get(0).value(), RecordChanged.class);
        assertThat(event.eventId()).hasToString(eventId);
        assertThat(event.orgId()).isEqualTo(api.org);
        assertThat(event.operation()).isEqualTo(RecordChanged.Operation.UPDATED);
        assertThat(event.record()).containsEntry("Email", "ana@example.com");
        assertThat(event.state().consent().name()).isEqualTo("GRANTED");
        assertThat(event.state().approval().name()).isEqualTo("NONE");
        assertThat(new String(records.get(0).headers().lastHeader("X-Request-Id").value(), StandardCharsets.UTF_8))
                .isEqualTo("crm-" + eventId);
    }

    @Test
    void aBatchIsPublishedWhole() {
        Api api = new Api();
        String events = IntStream.range(0, 250).mapToObj(i -> "{\"module\":\"Deals\",\"recordId\":\"d" + i
                        + "\",\"operation\":\"CREATED\",\"version\":1,\"record\":{\"Deal_Name\":\"Deal " + i + "\"}}")
                .collect(Collectors.joining(",", "{\"events\":[", "]}"));
        api.as("crm.events").body(events).when().post("/api/v1/crm/events").then().statusCode(202)
                .body("accepted", equalTo(250)).body("eventIds", hasSize(250));
        assertThat(read(api.org, 250)).hasSize(250);
    }

    @Test
    void oneBadEventRefusesTheBatchAndPublishesNothing() {
        Api api = new Api();
        api.as("crm.events").body("""
                {"events": [
                  {"module": "Contacts", "recordId": "1", "operation": "CREATED", "version": 1, "record": {}},
                  {"module": "Contacts", "recordId": "2", "operation": "CREATED", "version": 1, "record": {}},
                  {"module": "Contacts", "recordId": "3", "operation": "EXPLODED", "version": "one", "record": [],
                   "state": {"consent": "MAYBE"}}]}""")
                .when().post("/api/v1/crm/events").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_EVENT"))
                .body("errors.field", org.hamcrest.Matchers.contains("events[2].operation", "events[2].version",
                        "events[2].record", "events[2].state.consent"));
        api.as("crm.events").body("{\"events\": []}").when().post("/api/v1/crm/events").then().statusCode(422);
        api.as("crm.events").body("{\"module\": \"Contacts\"").when().post("/api/v1/crm/events").then()
                .statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> "{}").collect(Collectors.joining(",", "{\"events\":[", "]}"));
        api.as("crm.events").body(tooMany).when().post("/api/v1/crm/events").then().statusCode(422)
                .body("code", equalTo("TOO_MANY_EVENTS"));

        assertThat(readAll(api.org)).as("nothing of a refused batch is published").isEmpty();
    }

    @Test
    void anEventTooLargeForKafkaRefusesTheBatchBeforeAnythingIsPublished() {
        Api api = new Api();
        String big = "x".repeat(1_100_000);
        api.as("crm.events").body("{\"events\": ["
                        + "{\"module\": \"Contacts\", \"recordId\": \"1\", \"operation\": \"CREATED\", \"version\": 1, \"record\": {}},"
                        + "{\"module\": \"Contacts\", \"recordId\": \"2\", \"operation\": \"CREATED\", \"version\": 1, "
                        + "\"record\": {\"Notes\": \"" + big + "\"}},"
                        + "{\"module\": \"Contacts\", \"recordId\": \"3\", \"operation\": \"CREATED\", \"version\": 1, \"record\": {}}]}")
                .when().post("/api/v1/crm/events").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("EVENT_TOO_LARGE"))
                .body("errors.field", org.hamcrest.Matchers.contains("events[1]"));
        api.as("crm.events").body("{\"module\": \"Contacts\", \"recordId\": \"4\", \"operation\": \"CREATED\", "
                        + "\"version\": 1, \"record\": {\"Notes\": \"" + big + "\"}}")
                .when().post("/api/v1/crm/events").then().statusCode(422)
                .body("code", equalTo("EVENT_TOO_LARGE"));
        assertThat(readAll(api.org)).as("nothing of a refused batch is published").isEmpty();
    }

    @Test
    void orgIdMustBeAStringAndTextFreeOfControlCharacters() {
        Api api = new Api();
        api.as("crm.events").body("{\"orgId\": [\"" + api.org + "\"], \"module\": \"Contacts\", \"recordId\": \"1\","
                        + " \"operation\": \"CREATED\", \"version\": 1, \"record\": {}}")
                .when().post("/api/v1/crm/events").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_EVENT"))
                .body("errors.field", org.hamcrest.Matchers.contains("orgId"));
        api.as("crm.events").body("{\"events\": [{\"module\": \"Contacts\", \"recordId\": \"1\\u0000\","
                        + " \"operation\": \"CREATED\", \"version\": 1, \"record\": {\"Name\": \"a\\u0001\"}}]}")
                .when().post("/api/v1/crm/events").then().statusCode(422)
                .body("code", equalTo("INVALID_EVENT"))
                .body("errors.field", org.hamcrest.Matchers.hasItems("events[0].recordId", "events[0].record.Name"));
        assertThat(readAll(api.org)).isEmpty();
    }

    private static List<ConsumerRecord<String, String>> read(String org, int expected) {
        try (TopicReader reader = new TopicReader(Topics.CRM_RECORD_CHANGED)) {
            return reader.readUntil(r -> r.key().startsWith(org + "/"), got -> got.size() >= expected,
                    Duration.ofSeconds(20));
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String org) {
        try (TopicReader reader = new TopicReader(Topics.CRM_RECORD_CHANGED)) {
            return reader.readAll(r -> r.key().startsWith(org + "/"), Duration.ofSeconds(3));
        }
    }
}
