package dev.portico.gateway;

import static io.restassured.RestAssured.given;

import dev.portico.kit.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Requests through the gateway as one new org. */
final class Api {

    static final String ALL = "org.admin portal.config portal.users crm.events";

    final String org = "org-" + UUID.randomUUID();

    RequestSpecification as(String scope) {
        return given().header("Authorization", TestTokens.bearer(org, scope)).contentType(ContentType.JSON);
    }

    RequestSpecification admin() {
        return as(ALL);
    }

    /** An ENTERPRISE org with one Contacts portal; returns the portal's id. */
    String portal() {
        admin().body("{\"name\":\"Acme\",\"edition\":\"ENTERPRISE\"}").when().put("/api/v1/org").then().statusCode(200);
        return admin().body("{\"name\":\"P\",\"module\":\"Contacts\",\"slug\":\"gw-" + UUID.randomUUID().toString()
                        .substring(0, 8) + "\"}")
                .when().post("/api/v1/portals").then().statusCode(201).extract().path("id");
    }
}
