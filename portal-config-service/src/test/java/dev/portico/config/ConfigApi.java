package dev.portico.config;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.portico.events.ConfigEvent;
import dev.portico.events.Topics;
import dev.portico.kit.testing.TestTokens;
import dev.portico.kit.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The HTTP API as one org sees it, for tests; every org is new, so tests never share state. */
final class ConfigApi {

    static final String ALL = "org.admin portal.config portal.users";
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    final String org;

    private ConfigApi(String org) {
        this.org = org;
    }

    static ConfigApi newOrg() {
        return new ConfigApi("org-" + UUID.randomUUID());
    }

    static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    RequestSpecification as(String scope) {
        return given().header("Authorization", TestTokens.bearer(org, scope)).contentType(ContentType.JSON);
    }

    RequestSpecification admin() {
        return as(ALL);
    }

    ValidatableResponse putOrg(String body) {
        return admin().body(body).when().put("/api/v1/org").then();
    }

    /** An ENTERPRISE org that may create portals. */
    ConfigApi enterprise() {
        putOrg("{\"name\":\"Acme\",\"edition\":\"ENTERPRISE\"}").statusCode(200);
        return this;
    }

    ValidatableResponse createPortal(String name, String module, String slug) {
        return admin().body(Map.of("name", name, "module", module, "slug", slug))
                .when().post("/api/v1/portals").then();
    }

    String portal(String module) {
        return createPortal("Portal", module, uniqueSlug("p")).statusCode(201).extract().path("id");
    }

    String defaultUserType(String portalId) {
        return admin().when().get("/api/v1/portals/{id}/user-types", portalId).then().statusCode(200)
                .extract().path("items[0].id");
    }

    /** The config events published for this org, read back from Kafka until {@code enough} holds. */
    List<ConfigEvent> events(Predicate<List<ConfigEvent>> enough) {
        try (TopicReader reader = new TopicReader(Topics.CONFIG_EVENTS)) {
            List<ConfigEvent> events = new ArrayList<>();
            reader.readUntil(r -> org.equals(r.key()), records -> {
                events.clear();
                for (ConsumerRecord<String, String> record : records) {
                    events.add(parse(record.value()));
                }
                return enough.test(events);
            }, Duration.ofSeconds(20));
            return events;
        }
    }

    static ConfigEvent parse(String json) {
        try {
            return MAPPER.readValue(json, ConfigEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Predicate<List<ConfigEvent>> has(ConfigEvent.Type type, int count) {
        return events -> events.stream().filter(e -> e.type() == type).count() >= count;
    }
}
