package dev.portico.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.portico.devstack.TokenCli;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.awaitility.core.ConditionTimeoutException;

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

    /**
     * Waits for a job to complete and returns it; on timeout the failure shows the job and its items as they
     * were last seen, so that a red run says which item did not settle
     * (and the services' thread dumps are in {@code system-tests/target/*.threads}).
     */
    JsonPath completed(String job, Duration within) {
        String[] last = {""};
        try {
            return await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonPath json = api().get("/jobs/{j}", job).then().statusCode(200).extract().jsonPath();
                last[0] = json.prettify();
                return json;
            }, json -> "COMPLETED".equals(json.getString("status")));
        } catch (ConditionTimeoutException e) {
            Stack.dumpThreads();
            String items = api().get("/jobs/{j}/items?size=100", job).then().extract().asString();
            String portal = api().get("/jobs/{j}", job).then().extract().path("portalId");
            String invitations = api().get("/portals/{p}/invitations?size=100", portal).then().extract().asString();
            throw new AssertionError("job " + job + " did not complete within " + within + ": " + last[0]
                    + "\nitems: " + items + "\ninvitations: " + invitations, e);
        }
    }

    /**
     * Publishes a CREATED Contacts record per id over the CRM intake ({@code Full_Name} and {@code Email} from the
     * id's index), then waits until portal-user-service knows every one of them.
     */
    void createContacts(List<String> ids, IntFunction<String> name, IntFunction<String> email) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            events.add(Map.of("eventId", UUID.randomUUID().toString(), "orgId", org, "module", "Contacts",
                    "recordId", ids.get(i), "operation", "CREATED", "version", 1,
                    "record", Map.of("Full_Name", name.apply(i), "Email", email.apply(i))));
        }
        api().body(Map.of("events", events)).post("/crm/events").then().statusCode(202);
        awaitRecords("Contacts", ids);
    }

    /**
     * Waits until portal-user-service knows these CRM records: they reach it over Kafka keyed per record, so the
     * last one published says nothing about the others.
     */
    void awaitRecords(String module, List<String> recordIds) {
        for (String id : recordIds) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                    () -> api().get("/records/{m}/{r}", module, id).statusCode() == 200);
        }
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
