package dev.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Concurrent upserts of the same new module all succeed and leave one module. */
@QuarkusTest
class ConcurrentModulePutTest {

    @Test
    void concurrentPutsOfANewModuleAllSucceed() {
        ConfigApi api = ConfigApi.newOrg();
        List<Integer> statuses = Concurrently.run(8, i -> api.admin()
                .body("{\"nameField\":\"Name\",\"fields\":[{\"name\":\"Name\",\"type\":\"TEXT\"},"
                        + "{\"name\":\"F" + i + "\",\"type\":\"NUMBER\"}]}")
                .when().put("/api/v1/modules/Policies").then().extract().statusCode());

        assertThat(statuses).containsOnly(200);
        api.admin().when().get("/api/v1/modules").then().statusCode(200).body("total", equalTo(5));
        api.admin().when().get("/api/v1/modules/Policies").then().statusCode(200).body("fields.size()", equalTo(2));
    }
}
