package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET offers an ETag; PUT/PATCH with If-Match apply only to that version (412 PRECONDITION_FAILED otherwise). */
@QuarkusTest
class ConditionalWriteTest {

    @Test
    void aStaleIfMatchOnAPortalIsRefusedAndChangesNothing() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        var created = api.createPortal("Portal", "Contacts", ConfigApi.uniqueSlug("tag")).statusCode(201).extract();
        String id = created.path("id");
        String etag = api.admin().when().get("/api/v1/portals/{id}", id).then().statusCode(200).extract().header("ETag");
        assertThat(etag).matches("\"\\d+\"").isEqualTo(created.header("ETag"));

        String next = api.admin().header("If-Match", etag).body(Map.of("name", "First")).when()
                .patch("/api/v1/portals/{id}", id).then().statusCode(200).body("name", equalTo("First"))
                .extract().header("ETag");
        assertThat(next).isNotEqualTo(etag);
        api.admin().header("If-Match", etag).body(Map.of("name", "Second")).when().patch("/api/v1/portals/{id}", id)
                .then().statusCode(412).contentType("application/problem+json").body("code", equalTo("PRECONDITION_FAILED"));
        api.admin().header("If-Match", "W/" + next).body(Map.of("name", "Weak")).when().patch("/api/v1/portals/{id}", id)
                .then().statusCode(412);
        api.admin().when().get("/api/v1/portals/{id}", id).then().body("name", equalTo("First")).header("ETag", next);
        api.admin().header("If-Match", "*").body(Map.of("name", "Any")).when().patch("/api/v1/portals/{id}", id)
                .then().statusCode(200);
    }

    @Test
    void ofTwoConcurrentWritesBasedOnOneReadOnlyOneApplies() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String id = api.portal("Contacts");
        String etag = api.admin().when().get("/api/v1/portals/{id}", id).then().extract().header("ETag");
        String prefix = ConfigApi.uniqueSlug("cond");

        List<Integer> statuses = Concurrently.run(6, i -> api.admin().header("If-Match", etag)
                .body(Map.of("slug", prefix + "-" + i)).when().patch("/api/v1/portals/{id}", id).then()
                .extract().statusCode());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).containsOnly(412);
        api.admin().when().get("/api/v1/portals/{id}", id).then().body("aliases.size()", equalTo(1));
    }

    @Test
    void openApiDocumentsETagAndIfMatch() {
        var doc = io.restassured.RestAssured.given().when().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        for (String op : List.of("'/api/v1/org'.put", "'/api/v1/portals/{id}'.patch", "'/api/v1/modules/{module}'.put",
                "'/api/v1/portals/{portalId}/user-types/{typeId}'.patch")) {
            assertThat(doc.<String>getList("paths." + op + ".parameters.name")).as(op).contains("If-Match");
            assertThat(doc.<Object>get("paths." + op + ".responses.412")).as(op).isNotNull();
            assertThat(doc.<Object>get("paths." + op + ".responses.200.headers.ETag")).as(op).isNotNull();
        }
        for (String op : List.of("'/api/v1/org'.get", "'/api/v1/portals/{id}'.get", "'/api/v1/modules/{module}'.get",
                "'/api/v1/portals/{portalId}/user-types/{typeId}'.get")) {
            assertThat(doc.<Object>get("paths." + op + ".responses.200.headers.ETag")).as(op).isNotNull();
        }
        for (String op : List.of("'/api/v1/portals'.post", "'/api/v1/portals/{portalId}/user-types'.post")) {
            assertThat(doc.<Object>get("paths." + op + ".responses.201.headers.ETag")).as(op).isNotNull();
        }
    }

    @Test
    void orgModulesAndUserTypesHonourIfMatchToo() {
        ConfigApi api = ConfigApi.newOrg();
        String orgTag = api.admin().when().get("/api/v1/org").then().statusCode(200).extract().header("ETag");
        String saved = api.admin().header("If-Match", orgTag).body("{\"name\":\"Acme\",\"edition\":\"ENTERPRISE\"}")
                .when().put("/api/v1/org").then().statusCode(200).extract().header("ETag");
        api.admin().header("If-Match", orgTag).body("{\"name\":\"Lost\",\"edition\":\"FREE\"}").when().put("/api/v1/org")
                .then().statusCode(412).body("code", equalTo("PRECONDITION_FAILED"));
        api.admin().when().get("/api/v1/org").then().body("name", equalTo("Acme")).header("ETag", saved);

        String moduleTag = api.admin().when().get("/api/v1/modules/Deals").then().statusCode(200).extract().header("ETag");
        String deals = "{\"fields\":[{\"name\":\"Deal_Name\",\"type\":\"TEXT\"}]}";
        api.admin().header("If-Match", "\"999\"").body(deals).when().put("/api/v1/modules/Deals").then().statusCode(412);
        api.admin().header("If-Match", moduleTag).body(deals).when().put("/api/v1/modules/Deals").then().statusCode(200);
        api.admin().header("If-Match", moduleTag).body(deals).when().put("/api/v1/modules/Deals").then().statusCode(412);

        String portal = api.portal("Contacts");
        String type = api.defaultUserType(portal);
        String typeTag = api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, type).then()
                .statusCode(200).extract().header("ETag");
        api.admin().header("If-Match", typeTag).body("{\"name\":\"Members\"}")
                .when().patch("/api/v1/portals/{p}/user-types/{t}", portal, type).then().statusCode(200);
        api.admin().header("If-Match", typeTag).body("{\"name\":\"Visitors\"}")
                .when().patch("/api/v1/portals/{p}/user-types/{t}", portal, type).then().statusCode(412);
        api.admin().when().get("/api/v1/portals/{p}/user-types/{t}", portal, type).then().body("name", equalTo("Members"));
    }
}
