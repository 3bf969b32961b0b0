package dev.portico.config;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A method a path does not support is 405 problem+json, not 404. */
@QuarkusTest
class MethodNotAllowedTest {

    @Test
    void unsupportedMethodsOnExistingPathsAre405() {
        ConfigApi api = ConfigApi.newOrg().enterprise();
        String portal = api.portal("Contacts");
        String type = api.defaultUserType(portal);
        expect405(api, "DELETE", "/api/v1/org");
        expect405(api, "POST", "/api/v1/org");
        expect405(api, "PATCH", "/api/v1/org");
        expect405(api, "DELETE", "/api/v1/modules/Contacts");
        expect405(api, "POST", "/api/v1/modules");
        expect405(api, "PUT", "/api/v1/portals/" + portal);
        expect405(api, "DELETE", "/api/v1/portals");
        expect405(api, "PUT", "/api/v1/portals/" + portal + "/user-types/" + type);
        api.admin().body("{}").when().put("/api/v1/portals/{p}/user-types/{t}", portal, type).then()
                .header("Allow", org.hamcrest.Matchers.containsString("PATCH"));
        expect405(api, "POST", "/api/v1/portal-urls/some-slug");
        api.admin().when().delete("/api/v1/nowhere").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    private static void expect405(ConfigApi api, String method, String path) {
        api.admin().body("{}").when().request(method, path).then().statusCode(405)
                .contentType("application/problem+json").body("code", equalTo("METHOD_NOT_ALLOWED"));
    }
}
