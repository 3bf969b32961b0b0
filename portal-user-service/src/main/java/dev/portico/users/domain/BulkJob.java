package dev.portico.users.domain;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A bulk invite or bulk action: one item per record or user, each with an outcome. */
public record BulkJob(
        UUID id,
        String orgId,
        UUID portalId,
        Action action,
        Status status,
        String module,
        Integer seatLimit,
        UUID userTypeId,
        String language,
        int total,
        int succeeded,
        int failed,
        boolean gated,
        String idempotencyKey,
        String requestHash,
        String createdBy,
        Instant createdAt,
        Instant completedAt) {

    public enum Action { INVITE, REINVITE, DEACTIVATE, ACTIVATE, REMOVE, CHANGE_TYPE }

    /** Named for the merged OpenAPI document, where every service's {@code Status} would otherwise collide. */
    @Schema(name = "JobStatus")
    public enum Status { RUNNING, COMPLETED }

    public int pending() {
        return total - succeeded - failed;
    }
}
