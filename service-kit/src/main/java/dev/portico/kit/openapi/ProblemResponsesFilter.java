package dev.portico.kit.openapi;

import dev.portico.kit.problem.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the one error shape once for every service: adds the {@code Problem} schema and, to every
 * operation, the problem responses it can give (400 and 500 always; 401/403 unless public) where the
 * operation does not describe them itself.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                Operation operation = entry.getValue();
                if (operation.getResponses() == null) {
                    operation.setResponses(OASFactory.createAPIResponses());
                }
                APIResponses responses = operation.getResponses();
                boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
                add(responses, "400", "Invalid input (problem+json with field errors)");
                if (secured) {
                    add(responses, "401", "No valid bearer token");
                    add(responses, "403", "The token lacks the scope this operation needs");
                }
                add(responses, "500", "Unexpected error (problem+json with the request id)");
            }
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)))));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; `code` is stable and meant for programs.")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .example("https://portico.dev/problems/slug-taken"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("Conflict"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).example(409))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .example("The slug 'acme' is already used by another portal."))
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("SLUG_TAKEN"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                                .addProperty("field", string.example("modules[1].relatedVia.field"))
                                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                        .example("LOOKUP_TARGET_MISMATCH"))))
                .addProperty("requestId", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .required(List.of("type", "title", "status", "code"));
    }
}
