package dev.portico.users.rest;

import dev.portico.kit.problem.Problem;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Scopes;
import dev.portico.kit.security.Tenant;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import dev.portico.kit.web.Params;
import dev.portico.users.domain.BulkJob;
import dev.portico.users.domain.JobItem;
import dev.portico.users.service.JobService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("")
@Tag(name = ApiTags.JOBS, description = "Bulk jobs: progress, per-item outcomes and failure reasons")
@RequiresScope(Scopes.PORTAL_USERS)
public class JobResource {

    private static final Duration SSE_POLL = Duration.ofMillis(250);
    private static final int CSV_PAGE = PageRequest.MAX_SIZE;

    @Inject
    Tenant tenant;

    @Inject
    JobService jobs;

    @GET
    @Path("/jobs/{jobId}")
    @Operation(operationId = "getJob", summary = "A job's status and counts")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "JOB_NOT_FOUND (also for another org's job)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobResponse get(@PathParam("jobId") UUID jobId) {
        return JobResponse.from(jobs.get(tenant.orgId(), jobId));
    }

    @GET
    @Path("/jobs/{jobId}/items")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listJobItems", summary = "A job's items, e.g. the failed ones with their reasons",
            description = "Also answers `text/csv` (every matching item, no paging) for a spreadsheet.")
    @APIResponse(responseCode = "200", description = "A page of items",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobItemPage.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", description = "JOB_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<JobItemResponse> items(@PathParam("jobId") UUID jobId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"PENDING", "SUCCEEDED", "FAILED"}))
            @QueryParam("outcome") String outcome,
            @BeanParam @Valid PageRequest page) {
        return jobs.items(tenant.orgId(), jobId, Params.enumValue(JobItem.Outcome.class, outcome, "outcome"), page)
                .map(JobItemResponse::from);
    }

    @GET
    @Path("/jobs/{jobId}/items")
    @Produces("text/csv")
    @Operation(hidden = true, operationId = "exportJobItemsCsv") // documented as listJobItems' text/csv answer
    public Response itemsCsv(@PathParam("jobId") UUID jobId, @QueryParam("outcome") String outcome) {
        JobItem.Outcome wanted = Params.enumValue(JobItem.Outcome.class, outcome, "outcome");
        String orgId = tenant.orgId();
        StringBuilder csv = new StringBuilder("recordId,userId,name,email,outcome,reason,message\r\n");
        for (int p = 0; ; p++) {
            Page<JobItem> page = jobs.items(orgId, jobId, wanted, new PageRequest(p, CSV_PAGE));
            for (JobItem i : page.items()) {
                csv.append(cell(i.recordId())).append(',').append(cell(i.userId() == null ? null : i.userId().toString()))
                        .append(',').append(cell(i.name())).append(',').append(cell(i.email())).append(',')
                        .append(i.outcome()).append(',').append(cell(i.reason())).append(',')
                        .append(cell(i.message())).append("\r\n");
            }
            if ((long) (p + 1) * CSV_PAGE >= page.total()) {
                break;
            }
        }
        return Response.ok(csv.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"job-" + jobId + "-items.csv\"").build();
    }

    @GET
    @Path("/jobs/{jobId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(operationId = "streamJobProgress", summary = "The job's progress as Server-Sent Events",
            description = "One event with the job now, one each time its counts change, and a last one when it is "
                    + "COMPLETED; then the stream ends. Draw a progress bar without polling.")
    @APIResponse(responseCode = "200", description = "text/event-stream of jobs",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = JobResponse.class)))
    @APIResponse(responseCode = "404", description = "JOB_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<JobResponse> events(@PathParam("jobId") UUID jobId) {
        String orgId = tenant.orgId();
        BulkJob first = jobs.get(orgId, jobId);
        if (first.status() == BulkJob.Status.COMPLETED) {
            return Multi.createFrom().item(JobResponse.from(first));
        }
        Multi<JobResponse> updates = Multi.createFrom().ticks().every(SSE_POLL)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> JobResponse.from(QuarkusTransaction.requiringNew().call(() -> jobs.get(orgId, jobId))))
                .select().first(job -> job.status() != BulkJob.Status.COMPLETED);
        Multi<JobResponse> last = Multi.createFrom().item(() ->
                JobResponse.from(QuarkusTransaction.requiringNew().call(() -> jobs.get(orgId, jobId))))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(JobResponse.from(first)), updates, last)
                .skip().repetitions();
    }

    @GET
    @Path("/portals/{portalId}/jobs")
    @Operation(operationId = "listPortalJobs", summary = "A portal's jobs, newest first")
    @APIResponse(responseCode = "200", description = "A page of jobs")
    @APIResponse(responseCode = "404", description = "PORTAL_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<JobResponse> ofPortal(@PathParam("portalId") UUID portalId, @BeanParam @Valid PageRequest page) {
        return jobs.ofPortal(tenant.orgId(), portalId, page).map(JobResponse::from);
    }

    /** 202 with the job and its Location; the earlier job when an Idempotency-Key answers it again. */
    static Response accepted(JobService.Started started, UriInfo uri) {
        return Response.accepted(JobResponse.from(started.job()))
                .location(uri.getBaseUriBuilder().path("jobs").path(started.job().id().toString()).build())
                .header("Idempotent-Replayed", started.created() ? null : "true")
                .build();
    }

    /** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
