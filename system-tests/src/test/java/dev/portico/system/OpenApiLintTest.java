package dev.portico.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The merged OpenAPI document the gateway serves is one a front end can generate a client from: it parses
 * without messages (swagger-parser), every operation has a unique {@code operationId} and a documented 2xx
 * answer (with a media type unless 204, and typed response headers), every example (of a parameter, a media
 * type or a schema) validates against its schema, no request-body property the server defaults (one with a
 * {@code default}) is {@code required}, and no schema name is defined differently by two services.
 */
class OpenApiLintTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final String COMPONENTS = "#/components/schemas/";

    private final JsonNode doc = OpenApiDocument.live();

    @Test
    void parsesWithoutMessages() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(OpenApiDocument.JSON.writeValueAsString(doc),
                null, options);
        assertThat(result.getOpenAPI()).as("parsed document").isNotNull();
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
    }

    @Test
    void noTwoServicesDefineASchemaNameDifferently() {
        assertThat(doc.path("x-portico-schema-conflicts").isMissingNode())
                .as("schema names the services define differently: " + doc.path("x-portico-schema-conflicts")).isTrue();
    }

    @Test
    void everyOperationHasAUniqueOperationIdAndA2xxAnswer() {
        Map<String, List<String>> byId = new LinkedHashMap<>();
        List<String> withoutId = new ArrayList<>();
        List<String> without2xx = new ArrayList<>();
        List<String> headersWithoutSchema = new ArrayList<>();
        List<String> withoutMediaType = new ArrayList<>();
        operations().forEach((where, operation) -> {
            operation.path("responses").fields().forEachRemaining(response -> response.getValue().path("headers")
                    .fields().forEachRemaining(header -> {
                        if (!header.getValue().has("schema") && !header.getValue().has("content")) {
                            headersWithoutSchema.add(where + " " + response.getKey() + " " + header.getKey());
                        }
                    }));
            String id = operation.path("operationId").asText("");
            if (id.isBlank()) {
                withoutId.add(where);
            } else {
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(where);
            }
            List<String> codes = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(codes::add);
            if (codes.stream().noneMatch(code -> code.startsWith("2"))) {
                without2xx.add(where + " " + codes);
            }
            codes.stream().filter(code -> code.startsWith("2") && !code.equals("204"))
                    .filter(code -> operation.path("responses").path(code).path("content").isEmpty())
                    .forEach(code -> withoutMediaType.add(where + " " + code));
        });
        byId.values().removeIf(places -> places.size() == 1);
        assertThat(withoutId).as("operations without operationId").isEmpty();
        assertThat(byId).as("operationIds used more than once").isEmpty();
        assertThat(without2xx).as("operations without a documented 2xx answer").isEmpty();
        assertThat(withoutMediaType).as("2xx answers with a body but no media type (a generated client sends an "
                + "Accept header the server refuses, and cannot read the body)").isEmpty();
        assertThat(headersWithoutSchema).as("response headers without a schema (generators cannot type them)").isEmpty();
    }

    @Test
    void everyExampleValidatesAgainstItsSchema() {
        List<String> invalid = new ArrayList<>();
        operations().forEach((where, operation) -> {
            operation.path("parameters").forEach(parameter -> checkExamples(
                    where + " parameter " + parameter.path("name").asText(), parameter, invalid));
            operation.path("requestBody").path("content").fields().forEachRemaining(media -> checkExamples(
                    where + " request " + media.getKey(), media.getValue(), invalid));
            operation.path("responses").fields().forEachRemaining(response -> response.getValue().path("content")
                    .fields().forEachRemaining(media -> checkExamples(
                            where + " response " + response.getKey() + " " + media.getKey(), media.getValue(), invalid)));
        });
        doc.path("components").path("schemas").fields().forEachRemaining(schema ->
                checkSchemaExamples(COMPONENTS + schema.getKey(), schema.getValue(), invalid));
        assertThat(invalid).as("examples that do not validate against their schema").isEmpty();
    }

    @Test
    void noRequestPropertyTheServerDefaultsIsRequired() {
        List<String> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        operations().forEach((where, operation) -> operation.path("requestBody").path("content").forEach(media ->
                requiredWithDefault(where + " request", media.path("schema"), seen, found)));
        assertThat(found).as("required request properties that have a default (the server fills them in)").isEmpty();
    }

    private void requiredWithDefault(String where, JsonNode schema, Set<String> seen, List<String> found) {
        if (!schema.isObject()) {
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            if (seen.add(ref)) {
                requiredWithDefault(ref, resolve(ref), seen, found);
            }
            return;
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        schema.path("properties").fields().forEachRemaining(property -> {
            JsonNode value = property.getValue();
            boolean defaulted = value.has("default") || (value.has("$ref") && resolve(value.path("$ref").asText()).has("default"));
            if (defaulted && required.contains(property.getKey())) {
                found.add(where + " ." + property.getKey());
            }
            requiredWithDefault(where + "." + property.getKey(), value, seen, found);
        });
        requiredWithDefault(where + "[]", schema.path("items"), seen, found);
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            schema.path(combinator).forEach(part -> requiredWithDefault(where, part, seen, found));
        }
    }

    /** Examples of a parameter or media type: {@code example}, {@code examples.*.value}, and its schema's. */
    private void checkExamples(String where, JsonNode holder, List<String> invalid) {
        JsonNode schema = holder.path("schema");
        if (holder.has("example")) {
            validate(where + " example", schema, holder.get("example"), invalid);
        }
        holder.path("examples").fields().forEachRemaining(example -> {
            if (example.getValue().has("value")) {
                validate(where + " example " + example.getKey(), schema, example.getValue().get("value"), invalid);
            }
        });
        checkSchemaExamples(where + " schema", schema, invalid);
    }

    /** A schema's own {@code example} / {@code examples} and those of every inline subschema. */
    private void checkSchemaExamples(String where, JsonNode schema, List<String> invalid) {
        if (!schema.isObject()) {
            return;
        }
        if (schema.has("example")) {
            validate(where + " example", schema, schema.get("example"), invalid);
        }
        if (schema.path("examples").isArray()) {
            schema.get("examples").forEach(example -> validate(where + " examples[]", schema, example, invalid));
        }
        schema.path("properties").fields().forEachRemaining(property ->
                checkSchemaExamples(where + "." + property.getKey(), property.getValue(), invalid));
        checkSchemaExamples(where + "[]", schema.path("items"), invalid);
        checkSchemaExamples(where + "{}", schema.path("additionalProperties"), invalid);
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            schema.path(combinator).forEach(part -> checkSchemaExamples(where + " " + combinator, part, invalid));
        }
    }

    private void validate(String where, JsonNode schema, JsonNode example, List<String> invalid) {
        if (schema.isMissingNode()) {
            invalid.add(where + ": no schema to validate it against");
            return;
        }
        try {
            var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(standalone(schema), InputFormat.JSON)
                    .validate(OpenApiDocument.JSON.writeValueAsString(example), InputFormat.JSON);
            if (!errors.isEmpty()) {
                invalid.add(where + " " + example + ": " + errors);
            }
        } catch (Exception e) {
            invalid.add(where + ": " + e);
        }
    }

    /** The schema as a self-contained JSON Schema 2020-12: the document's component schemas under $defs. */
    private String standalone(JsonNode schema) throws Exception {
        ObjectNode copy = schema.deepCopy();
        copy.remove(List.of("example", "examples"));
        copy.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        copy.set("$defs", doc.path("components").path("schemas"));
        return OpenApiDocument.JSON.writeValueAsString(copy).replace("\"" + COMPONENTS, "\"#/$defs/");
    }

    private JsonNode resolve(String ref) {
        return doc.at(ref.substring(1));
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }));
        assertThat(operations).as("operations in the merged document").hasSizeGreaterThan(20);
        return operations;
    }
}
