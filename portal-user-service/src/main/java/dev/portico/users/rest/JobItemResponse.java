package dev.portico.users.rest;

import dev.portico.users.domain.JobItem;
import java.util.UUID;

/** One record's (or user's) outcome in a job: the "see why" row. */
public record JobItemResponse(String recordId, UUID userId, String name, String email, JobItem.Outcome outcome,
        String reason, String message) {

    public static JobItemResponse from(JobItem item) {
        return new JobItemResponse(item.recordId(), item.userId(), item.name(), item.email(), item.outcome(),
                item.reason(), item.message());
    }
}
