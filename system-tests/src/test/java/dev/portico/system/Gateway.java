package dev.portico.system;

import static io.restassured.RestAssured.given;

import dev.portico.devstack.TokenCli;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One org's way into the stack: the gateway, with a token signed by the same code as {@code bin/portico token}. */
final class Gateway {

    static final String ALL_SCOPES = "org.admin portal.config portal.users crm.events";

    final String org;
    private final String token;

    Gateway(String org, String scopes) {
        this.org = org;
        try {
            this.token = TokenCli.sign(org, scopes, "admin@" + org, Duration.ofHours(1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Gateway newOrg() {
        return new Gateway("e2e-" + UUID.randomUUID(), ALL_SCOPES);
    }

    RequestSpecification api() {
        return given().baseUri(Stack.gateway()).basePath("/api/v1").header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON);
    }

    static RequestSpecification anonymous() {
        return given().baseUri(Stack.gateway()).basePath("/api/v1").contentType(ContentType.JSON);
    }

    /** The mails in one inbox of the test mail server (none when no mail ever reached the address). */
    static List<Map<String, Object>> inbox(String email) {
        var response = given().baseUri(Stack.mailApi()).get("/api/user/{email}/messages/INBOX", email);
        if (response.statusCode() == 400 || response.statusCode() == 404) {
            return List.of();
        }
        JsonPath json = response.then().statusCode(200).extract().jsonPath();
        return json.getList("$");
    }
}
