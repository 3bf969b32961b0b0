package dev.portico.users.rest;

import dev.portico.users.domain.BulkJob;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A bulk invite or bulk action and its progress")
public record JobResponse(
        UUID id,
        @Schema(description = "Same as id") UUID jobId,
        UUID portalId,
        BulkJob.Action action,
        BulkJob.Status status,
        int total,
        int succeeded,
        int failed,
        int pending,
        @Schema(description = "Percentage of items with an outcome, 0–100") int progress,
        Instant createdAt,
        Instant completedAt,
        String createdBy) {

    public static JobResponse from(BulkJob job) {
        int done = job.succeeded() + job.failed();
        int progress = job.total() == 0 ? 100 : (int) Math.floor(100.0 * done / job.total());
        return new JobResponse(job.id(), job.id(), job.portalId(), job.action(), job.status(), job.total(),
                job.succeeded(), job.failed(), job.pending(), progress, job.createdAt(), job.completedAt(),
                job.createdBy());
    }
}
