package dev.portico.kit.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.portico.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Input a client gets wrong is a 400 problem naming what is wrong, never a 5xx or a silent coercion. */
@QuarkusTest
class BadInputTest {

    private static final String AUTH = TestTokens.bearer("org-input", "portal.config");

    private static io.restassured.response.ValidatableResponse postSettings(String json) {
        return given().header("Authorization", AUTH).contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/probe/settings")
                .then().contentType("application/problem+json");
    }

    @Test
    void repeatedKeyIsMalformedJson() {
        postSettings("{\"name\":\"a\",\"days\":1,\"name\":\"b\"}")
                .statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        given().header("Authorization", AUTH).contentType(ContentType.JSON)
                .body("{\"customer\":\"c\",\"items\":[{\"name\":\"a\",\"count\":1,\"count\":2}]}")
                .when().post("/api/v1/probe/orders")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void contentAfterTheValueIsMalformedJson() {
        postSettings("{\"name\":\"a\"} {\"name\":\"b\"}").statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        postSettings("{\"name\":\"a\"}]").statusCode(400).body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void scalarsOfTheWrongTypeAreRefusedNamingTheField() {
        String[][] cases = {
                {"{\"days\": 1.5}", "days"},
                {"{\"days\": \"5\"}", "days"},
                {"{\"days\": true}", "days"},
                {"{\"status\": 1}", "status"},
                {"{\"name\": true}", "name"},
                {"{\"name\": 12}", "name"},
                {"{\"name\": 1.5}", "name"},
                {"{\"enabled\": 1}", "enabled"},
                {"{\"enabled\": \"true\"}", "enabled"},
                {"{\"tags\": [\"a\", 2]}", "tags[1]"},
        };
        for (String[] c : cases) {
            postSettings(c[0]).statusCode(400)
                    .body("code", equalTo("INVALID_VALUE"))
                    .body("errors.field", contains(c[1]));
        }
    }

    @Test
    void wellTypedInputStillPasses() {
        given().header("Authorization", AUTH).contentType(ContentType.JSON)
                .body("{\"name\":\"tab\\there\\nnew line \\ud83d\\ude00\",\"days\":3,\"status\":\"ACTIVE\",\"enabled\":true,"
                        + "\"tags\":[\"x\"],\"unknown\":{\"ignored\":1}}")
                .when().post("/api/v1/probe/settings")
                .then().statusCode(200)
                .body("name", equalTo("tab\there\nnew line \ud83d\ude00"))
                .body("days", equalTo(3))
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void controlCharactersInBodyTextAreRefusedNamingTheField() {
        for (String[] c : new String[][] {
                {"{\"name\": \"a\\u0000b\"}", "name"},
                {"{\"name\": \"\\u0001\"}", "name"},
                {"{\"name\": \"del\\u007f\"}", "name"},
                {"{\"tags\": [\"ok\", \"\\u001b[31m\"]}", "tags[1]"},
                // unpaired surrogates: no UTF-8 text can hold them, they would be saved as '?'
                {"{\"name\": \"\\ud800x\"}", "name"},
                {"{\"tags\": [\"\\udc00\"]}", "tags[0]"}}) {
            postSettings(c[0]).statusCode(400)
                    .body("code", equalTo("INVALID_CHARACTERS"))
                    .body("errors.field", contains(c[1]));
        }
        given().header("Authorization", AUTH).contentType(ContentType.JSON)
                .body("{\"customer\":\"c\",\"items\":[{\"name\":\"\\u0000\",\"count\":1}]}")
                .when().post("/api/v1/probe/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_CHARACTERS"))
                .body("errors.field", contains("items[0].name"));
    }

    @Test
    void controlCharactersInPathAndQueryAreRefusedNamingTheParameter() {
        given().urlEncodingEnabled(false).when().get("/api/v1/probe/echo/%00")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_CHARACTERS"))
                .body("errors.field", contains("text"));
        given().urlEncodingEnabled(false).when().get("/api/v1/probe/echo/fine?q=a%7Fb")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_CHARACTERS"))
                .body("errors.field", contains("q"));
        given().urlEncodingEnabled(false).when().get("/api/v1/probe/echo/fine%09tab?q=line%0Abreak")
                .then().statusCode(200).body("text", equalTo("fine\ttab")).body("q", equalTo("line\nbreak"));
    }

    @Test
    void pageIsBoundedSoTheOffsetCannotOverflow() {
        given().header("Authorization", AUTH).when().get("/api/v1/probe/pages?page=10737419&size=200")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", contains("page"));
        given().header("Authorization", AUTH).when().get("/api/v1/probe/pages?page=10000&size=200")
                .then().statusCode(200).body("page", equalTo(10000));
    }

    @Test
    void nonNumericPagingParametersAre400NamingTheParameter() {
        // whitespace too: the converter would turn " " or "1 " into a 404
        for (String value : new String[] {"abc", "1.5", "2147483648", "0x10", "%20", "1%20", "%09"}) {
            given().header("Authorization", AUTH).urlEncodingEnabled(false).when()
                    .get("/api/v1/probe/pages?page=" + value)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("INVALID_VALUE"))
                    .body("errors.field", contains("page"));
            given().header("Authorization", AUTH).urlEncodingEnabled(false).when()
                    .get("/api/v1/probe/pages?size=" + value)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("INVALID_VALUE"))
                    .body("errors.field", contains("size"));
        }
    }

    @Test
    void databaseDataErrorIs400AndUnmappedUniqueViolationIs409() {
        given().header("Authorization", AUTH).when().get("/api/v1/probe/number?value=12")
                .then().statusCode(200).body("value", equalTo(12));
        given().header("Authorization", AUTH).when().get("/api/v1/probe/number?value=99999999999")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_VALUE"));
        String id = UUID.randomUUID().toString();
        given().header("Authorization", AUTH).when().post("/api/v1/probe/notes/" + id + "?text=first")
                .then().statusCode(200);
        given().header("Authorization", AUTH).when().post("/api/v1/probe/notes/" + id + "?text=again")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("CONFLICT"));
    }
}
