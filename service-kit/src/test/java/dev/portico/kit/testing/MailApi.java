package dev.portico.kit.testing;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/** The devstack mail server's web API (GreenMail REST), where tests read the mail a service sent. */
public final class MailApi {

    private MailApi() {
    }

    public static String baseUrl() {
        String url = System.getenv("PORTICO_MAIL_API");
        return url == null || url.isBlank() ? "http://127.0.0.1:8025" : url;
    }

    /**
     * The messages in {@code email}'s inbox: each with {@code subject}, {@code mimeMessage}, {@code from}, …; none
     * while no mail ever reached the address (GreenMail then knows no such user and answers 400).
     */
    public static List<Map<String, Object>> inbox(String email) {
        var response = given().baseUri(baseUrl()).when().get("/api/user/{email}/messages/INBOX", email);
        if (response.statusCode() == 400 || response.statusCode() == 404) {
            return List.of();
        }
        JsonPath json = response.then().statusCode(200).extract().jsonPath();
        return json.getList("$");
    }

    public static void purge() {
        given().baseUri(baseUrl()).when().post("/api/mail/purge").then().statusCode(200);
    }
}
