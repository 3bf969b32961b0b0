package dev.portico.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.RecordChanged;
import dev.portico.gateway.messaging.CrmEventPublisher;
import dev.portico.kit.problem.Problem;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Scopes;
import dev.portico.kit.security.Tenant;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/crm/events")
@Tag(name = "CRM events", description = "Record changes from the CRM, over HTTP instead of Kafka")
@RequiresScope(Scopes.CRM_EVENTS)
public class CrmEventResource {

    @Inject
    Tenant tenant;

    @Inject
    CrmEventValidator validator;

    @Inject
    CrmEventPublisher publisher;

    public record Accepted(int accepted, List<String> eventIds) {
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "publishCrmEvents", summary = "Publish CRM record changes to crm.record-changed",
            description = "One event, or `{\"events\": [...]}` with up to 1000. Answers 202 once Kafka has "
                    + "acknowledged every event. `orgId` may be left out (it is the token's org) and must not name "
                    + "another org; `eventId` is made up when missing. A batch with one invalid event is refused whole.")
    @APIResponse(responseCode = "202", description = "Published",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "403", description = "ORG_MISMATCH (or MISSING_SCOPE)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "INVALID_EVENT, TOO_MANY_EVENTS; errors name events[i].field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "KAFKA_UNAVAILABLE: some of the events may have been published, none is known to be; "
            + "send the same batch again (same eventIds): events already applied are not applied twice",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> publish(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CrmEventBatch.class),
            examples = @ExampleObject(name = "a contact changed", value = """
                    {"events": [
                      {"eventId": "0b7c7c9e-3a55-4b8f-9a57-3f0f8d6a2f11", "module": "Contacts", "recordId": "5001",
                       "operation": "UPDATED", "version": 7,
                       "record": {"Full_Name": "Ana Silva", "Email": "ana@example.com", "Country": "Portugal",
                                  "Account_Name": {"id": "3001"}},
                       "changedFields": ["Country"],
                       "state": {"approval": "NONE", "review": "NONE", "consent": "GRANTED"}}]}"""))) JsonNode body) {
        List<RecordChanged> events = validator.validate(body, tenant.orgId());
        return publisher.publish(events)
                .ifNoItem().after(Duration.ofSeconds(20)).fail()
                .onFailure().transform(e -> new ProblemException(503, "KAFKA_UNAVAILABLE",
                        "The events could not all be published; send the same batch again (same eventIds): events already applied "
                                + "are not applied twice."))
                .map(ignored -> Response.accepted(new Accepted(events.size(),
                        events.stream().map(e -> e.eventId().toString()).toList())).build());
    }
}
