package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.devstack.TokenCli;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad input against every operation of the merged OpenAPI document, through the gateway: no token, a token without
 * the operation's scope, another org's objects, malformed and mistyped bodies (each top-level field of the request
 * schema given the wrong type, an unknown enum value, control characters, a 1 MB string, a list of 10,001 items),
 * missing required fields, malformed path ids and bad query parameters. Every answer must be a 4xx
 * {@code application/problem+json} with a {@code code}, never a 2xx or a 5xx, and afterwards the org's state (every
 * list the document offers for the objects set up here) must be exactly what it was. The cases come from the
 * document, so a new operation is swept without editing this test.
 */
class BadInputSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** Operations anyone may call: no token needed, so no 401/403 is expected of them. */
    private static final Set<String> NO_TOKEN = Set.of("getOpenApiDocument", "resolvePortalUrl", "acceptInvitation");
    /** Operations any token of the org may call, whatever its scopes (DESIGN §4: {@code GET /org} is "any"). */
    private static final Set<String> ANY_SCOPE = Set.of("getOrg");
    /** Path parameters naming an object of the org (another org addressing them finds nothing). */
    private static final Set<String> OWNED = Set.of("id", "portalId", "typeId", "jobId", "configId", "userId");

    // HTTP/1.1, as browsers and ingress controllers speak it to the gateway (the JDK client's default h2c upgrade meets
    // the gateway's 411 for an HTTP/2 request without Content-Length: a known limit, see the gateway README)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private record Case(String operation, String what, String method, String path, String token, String body) {
    }

    private record Answer(Case sent, int status, String contentType, String body) {

        String describe() {
            return sent.method() + " " + sent.path() + " [" + sent.operation() + ": " + sent.what() + "] -> " + status
                    + " " + contentType + " " + (body.length() > 160 ? body.substring(0, 160) + "…" : body);
        }
    }

    @Test
    void everyOperationRefusesBadInputWithAProblemAndChangesNothing() throws Exception {
        Gateway owner = Gateway.newOrg();
        Map<String, String> ids = seed(owner);
        String ownerToken = TokenCli.sign(owner.org, Gateway.ALL_SCOPES, "admin@" + owner.org, Duration.ofHours(1));
        String stranger = "e2e-" + UUID.randomUUID();
        String strangerToken = TokenCli.sign(stranger, Gateway.ALL_SCOPES, "admin@" + stranger, Duration.ofHours(1));
        String unscopedToken = TokenCli.sign(owner.org, "unrelated.scope", "admin@" + owner.org, Duration.ofHours(1));

        JsonNode doc = OpenApiDocument.live();
        List<Case> cases = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (METHODS.contains(operation.getKey())) {
                    cases.addAll(casesOf(doc, path.getKey(), operation.getKey(), operation.getValue(), ids,
                            ownerToken, strangerToken, unscopedToken));
                }
            }
        }
        assertThat(cases).as("cases drawn from the document").hasSizeGreaterThan(300);

        Map<String, String> before = snapshot(ids, ownerToken, strangerToken);
        List<String> bad = new ArrayList<>();
        for (Case c : cases) {
            Answer answer = send(c);
            String problem = verdict(answer);
            if (problem != null) {
                bad.add(problem + ": " + answer.describe());
            }
        }
        assertThat(bad).as(bad.size() + " of " + cases.size() + " bad requests were not refused properly:\n"
                + String.join("\n", bad)).isEmpty();
        assertThat(snapshot(ids, ownerToken, strangerToken)).as("state after " + cases.size() + " bad requests")
                .isEqualTo(before);
    }

    /** What is wrong with the answer, or null when it is a proper refusal. */
    private static String verdict(Answer answer) {
        Case c = answer.sent();
        if (answer.status() < 400 || answer.status() >= 500) {
            return "not a 4xx";
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "not problem+json";
        }
        try {
            if (JSON.readTree(answer.body()).path("code").asText().isEmpty()) {
                return "no code";
            }
        } catch (Exception e) {
            return "unreadable problem";
        }
        String expected = switch (c.what()) {
            case "no token" -> "401";
            case "without the scope" -> "403";
            case "another org's object" -> "404";
            default -> null;
        };
        // a rate limit may answer any case first: it is a proper refusal, but says nothing about the rest
        if (expected != null && answer.status() != 429 && !expected.equals(String.valueOf(answer.status()))) {
            return "expected " + expected;
        }
        return null;
    }

    private List<Case> casesOf(JsonNode doc, String template, String method, JsonNode op, Map<String, String> ids,
            String owner, String stranger, String unscoped) {
        String name = op.path("operationId").asText(method + " " + template);
        String m = method.toUpperCase();
        String path = fill(template, ids, Map.of());
        JsonNode example = example(op);
        String valid = example == null ? null : example.toString();
        List<Case> cases = new ArrayList<>();
        if (!NO_TOKEN.contains(name)) {
            cases.add(new Case(name, "no token", m, path, null, valid));
            if (!ANY_SCOPE.contains(name)) {
                cases.add(new Case(name, "without the scope", m, path, unscoped, valid));
            }
        }
        boolean owned = false;
        for (String param : params(template)) {
            owned |= OWNED.contains(param);
            String malformed = OWNED.contains(param) ? "not-a-uuid" : "%00";
            cases.add(new Case(name, "malformed path parameter " + param, m,
                    fill(template, ids, Map.of(param, malformed)), owner, valid));
        }
        if (owned) {
            // with no valid body to send, the body's refusal may come first: any 4xx will do
            boolean bodiless = m.equals("GET") || m.equals("DELETE") || valid != null
                    || op.path("requestBody").isMissingNode();
            cases.add(new Case(name, bodiless ? "another org's object" : "another org's object, no valid body", m,
                    path, stranger, valid));
        }
        for (JsonNode parameter : op.path("parameters")) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            String q = parameter.path("name").asText();
            JsonNode schema = resolve(doc, parameter.path("schema"));
            for (String value : badValues(schema)) {
                cases.add(new Case(name, "query " + q + "=" + value, m,
                        path + "?" + q + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8), owner, valid));
            }
        }
        JsonNode body = op.path("requestBody").path("content").path("application/json");
        if (!body.isMissingNode()) {
            cases.add(new Case(name, "malformed JSON", m, path, owner, "{\"a\": "));
            cases.add(new Case(name, "duplicate key", m, path, owner, "{\"a\": 1, \"a\": 2}"));
            cases.add(new Case(name, "trailing content", m, path, owner, (valid == null ? "{}" : valid) + " {}"));
            cases.add(new Case(name, "an array", m, path, owner, "[]"));
            cases.add(new Case(name, "a number", m, path, owner, "42"));
            JsonNode schema = resolve(doc, body.path("schema"));
            if (schema.path("required").size() > 0) {
                cases.add(new Case(name, "no required field", m, path, owner, "{}"));
            }
            ObjectNode base = example instanceof ObjectNode o ? o : NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode fieldSchema = resolve(doc, field.getValue());
                for (Map.Entry<String, JsonNode> bad : badFields(doc, fieldSchema).entrySet()) {
                    ObjectNode mutated = base.deepCopy();
                    mutated.set(field.getKey(), bad.getValue());
                    cases.add(new Case(name, field.getKey() + ": " + bad.getKey(), m, path, owner, mutated.toString()));
                }
            }
        }
        return cases;
    }

    /** Wrong values for one body field, by its schema: each must make the whole request a 4xx. */
    private static Map<String, JsonNode> badFields(JsonNode doc, JsonNode schema) {
        Map<String, JsonNode> bad = new LinkedHashMap<>();
        String type = schema.path("type").asText("");
        switch (type) {
            case "string" -> {
                bad.put("a number", NODES.numberNode(12345));
                bad.put("an object", NODES.objectNode().put("x", 1));
                bad.put("a control character", NODES.textNode("a\u0000b"));
                if (!schema.path("enum").isEmpty()) {
                    bad.put("an unknown enum value", NODES.textNode("NOT_A_VALUE"));
                } else {
                    bad.put("1 MB of text", NODES.textNode("x".repeat(1_000_000)));
                }
            }
            case "integer", "number" -> {
                bad.put("a string", NODES.textNode("seven"));
                bad.put("a fraction", NODES.numberNode(1.5));
                bad.put("a boolean", NODES.booleanNode(true));
            }
            case "boolean" -> {
                bad.put("a string", NODES.textNode("yes"));
                bad.put("a number", NODES.numberNode(1));
            }
            case "array" -> {
                bad.put("a string", NODES.textNode("x"));
                JsonNode item = resolve(doc, schema.path("items"));
                ArrayNode many = NODES.arrayNode();
                JsonNode one = "integer".equals(item.path("type").asText()) ? NODES.numberNode(1)
                        : NODES.textNode("x");
                for (int i = 0; i < 10_001; i++) {
                    many.add(one);
                }
                bad.put("10,001 items", many);
            }
            case "object" -> bad.put("a string", NODES.textNode("x"));
            default -> {
                // no declared type (free-form JSON): nothing is wrong for it
            }
        }
        return bad;
    }

    private static List<String> badValues(JsonNode schema) {
        String type = schema.path("type").asText("");
        if (!schema.path("enum").isEmpty()) {
            return List.of("NOT_A_VALUE");
        }
        return switch (type) {
            case "integer" -> List.of("abc", "1.5", "-1", "99999999999");
            case "string" -> "uuid".equals(schema.path("format").asText()) || "date-time".equals(
                    schema.path("format").asText()) ? List.of("not-a-value") : List.of("a\u0000b");
            default -> List.of();
        };
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode ref = schema.path("$ref");
        if (ref.isTextual() && ref.asText().startsWith("#/components/schemas/")) {
            JsonNode target = doc.path("components").path("schemas").path(ref.asText().substring(21));
            // the document puts sibling keywords (type, examples) next to a $ref: the target's take precedence
            ObjectNode merged = schema.deepCopy();
            merged.remove("$ref");
            merged.setAll((ObjectNode) target.deepCopy());
            return merged;
        }
        return schema;
    }

    private static JsonNode example(JsonNode op) {
        JsonNode examples = op.path("requestBody").path("content").path("application/json").path("examples");
        Iterator<JsonNode> values = examples.elements();
        return values.hasNext() ? values.next().path("value") : null;
    }

    private static List<String> params(String template) {
        List<String> names = new ArrayList<>();
        for (int i = template.indexOf('{'); i >= 0; i = template.indexOf('{', i + 1)) {
            names.add(template.substring(i + 1, template.indexOf('}', i)));
        }
        return names;
    }

    private static String fill(String template, Map<String, String> ids, Map<String, String> overrides) {
        String path = template;
        for (String param : params(template)) {
            String value = overrides.containsKey(param) ? overrides.get(param) : ids.get(param);
            if (value == null) {
                throw new IllegalStateException("no value set up for path parameter {" + param + "} of " + template);
            }
            path = path.replace("{" + param + "}", value);
        }
        return path;
    }

    private Answer send(Case c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.gateway() + c.path()))
                .timeout(Duration.ofSeconds(20)).header("Accept", "*/*");
        if (c.token() != null) {
            request.header("Authorization", "Bearer " + c.token());
        }
        switch (c.method()) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            default -> request.header("Content-Type", "application/json").method(c.method(),
                    HttpRequest.BodyPublishers.ofString(c.body() == null ? "" : c.body()));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(c, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** Every list and object the document offers for the seeded objects, as the owner (and the stranger) see them. */
    private Map<String, String> snapshot(Map<String, String> ids, String owner, String stranger) throws Exception {
        String p = ids.get("portalId");
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of("/api/v1/org", "/api/v1/portals?size=100", "/api/v1/portals/" + p,
                "/api/v1/portals/" + p + "/user-types?size=100", "/api/v1/portals/" + p + "/users?filter=all&size=100",
                "/api/v1/portals/" + p + "/users/counts", "/api/v1/portals/" + p + "/jobs?size=100",
                "/api/v1/jobs/" + ids.get("jobId") + "/items?size=100", "/api/v1/portals/" + p + "/auto-invites?size=100",
                "/api/v1/portals/" + p + "/auto-invites/failures?size=100", "/api/v1/portals/" + p + "/invitations?size=100",
                "/api/v1/portals/" + p + "/invitation-templates/fr", "/api/v1/modules?size=100",
                "/api/v1/records/Contacts/" + ids.get("recordId"))) {
            state.put(path, read(path, owner));
        }
        state.put("stranger /api/v1/portals", read("/api/v1/portals", stranger));
        // (not the stranger's GET /org: an org that never saved its settings answers defaults stamped "now")
        return state;
    }

    private String read(String path, String token) throws Exception {
        Answer answer = send(new Case("snapshot", "read", "GET", path, token, null));
        return answer.status() + " " + answer.body();
    }

    /** Org, portal, user type, a record invited (a job and a user), an auto-invite and a template override. */
    private static Map<String, String> seed(Gateway admin) {
        String tag = admin.org.substring(4, 12);
        admin.api().body(Map.of("name", "Sweep " + tag, "edition", "ENTERPRISE")).put("/org").then().statusCode(200);
        String portal = admin.api().body(Map.of("name", "Sweep", "module", "Contacts", "slug", "sweep-" + tag))
                .post("/portals").then().statusCode(201).extract().path("id");
        String type = admin.api().get("/portals/{p}/user-types", portal).then().extract().path("items[0].id");
        String record = "s-" + tag;
        admin.api().body(Map.of("events", List.of(Map.of("eventId", UUID.randomUUID().toString(), "orgId", admin.org,
                        "module", "Contacts", "recordId", record, "operation", "CREATED", "version", 1,
                        "record", Map.of("Full_Name", "Sam Sweep", "Email", "sweep-" + tag + "@customer.example")))))
                .post("/crm/events").then().statusCode(202);
        admin.awaitRecords("Contacts", List.of(record));
        String job = admin.api().body(Map.of("userTypeId", type, "recordIds", List.of(record)))
                .post("/portals/{p}/invitations", portal).then().statusCode(202).extract().path("id");
        admin.completed(job, Duration.ofSeconds(30));
        String user = admin.api().get("/portals/{p}/users?filter=all", portal).then().extract().path("items[0].id");
        String config = admin.api().body(Map.of("name", "France", "userTypeId", type, "triggers", List.of("CREATE"),
                        "languageMode", "SINGLE", "rules", List.of(Map.of("language", "fr", "condition",
                                Map.of("field", "Full_Name", "op", "starts_with", "value", "Jeanne")))))
                .post("/portals/{p}/auto-invites", portal).then().statusCode(201).extract().path("id");
        admin.api().body(Map.of("subject", "Bienvenue {name}", "html", "<p>Bonjour {name}, {link}</p>",
                        "text", "Bonjour {name}, {link}"))
                .put("/portals/{p}/invitation-templates/{l}", portal, "fr").then().statusCode(200);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("id", portal);
        ids.put("portalId", portal);
        ids.put("typeId", type);
        ids.put("jobId", job);
        ids.put("configId", config);
        ids.put("userId", user);
        ids.put("module", "Contacts");
        ids.put("recordId", record);
        ids.put("lang", "fr");
        ids.put("slug", "sweep-" + tag);
        return ids;
    }
}
