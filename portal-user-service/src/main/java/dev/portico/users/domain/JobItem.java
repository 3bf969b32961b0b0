package dev.portico.users.domain;

import java.util.UUID;

/** What became of one record (bulk invite) or user (bulk action) of a job. */
public record JobItem(
        UUID jobId,
        int itemNo,
        String recordId,
        UUID userId,
        String name,
        String email,
        Outcome outcome,
        String reason,
        String message) {

    public enum Outcome { PENDING, SUCCEEDED, FAILED }

    public JobItem failed(String reason, String message) {
        return new JobItem(jobId, itemNo, recordId, userId, name, email, Outcome.FAILED, reason, message);
    }
}
