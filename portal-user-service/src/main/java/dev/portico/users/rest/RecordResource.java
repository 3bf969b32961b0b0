package dev.portico.users.rest;

import dev.portico.kit.problem.Problem;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Scopes;
import dev.portico.kit.security.Tenant;
import dev.portico.users.service.RecordLookup;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The CRM records as Portico knows them from {@code crm.record-changed}: what a CRM integration checks before
 * (or after) inviting, e.g. when a job item failed RECORD_NOT_FOUND.
 */
@Path("/records/{module}/{recordId}")
@Tag(name = ApiTags.RECORDS, description = "CRM records as Portico knows them from the CRM's events")
@RequiresScope(Scopes.PORTAL_USERS)
public class RecordResource {

    @Inject
    Tenant tenant;

    @Inject
    RecordLookup records;

    @GET
    @Operation(operationId = "getCrmRecord", summary = "A CRM record as Portico knows it",
            description = "The latest version received on `crm.record-changed`. A record that was never received, "
                    + "or was deleted in the CRM, is 404 `RECORD_NOT_FOUND`: inviting it would fail the same way.")
    @APIResponse(responseCode = "200", description = "The record")
    @APIResponse(responseCode = "404", description = "RECORD_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RecordResponse get(@PathParam("module") @Size(max = 100) @Parameter(example = "Contacts") String module,
            @PathParam("recordId") @Size(max = 200) @Parameter(example = "5725767000000412001") String recordId) {
        return RecordResponse.from(records.get(tenant.orgId(), module, recordId));
    }
}
