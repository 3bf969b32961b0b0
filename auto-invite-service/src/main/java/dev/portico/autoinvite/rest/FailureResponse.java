package dev.portico.autoinvite.rest;

import dev.portico.autoinvite.domain.FailureLog;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A failed auto-invite: one row per record, configuration and reason, with its attempts.")
public record FailureResponse(
        UUID id,
        UUID portalId,
        UUID configId,
        @Schema(description = "null once the configuration is deleted") String configName,
        String recordId,
        @Schema(example = "Jeanne Martin") String name,
        @Schema(example = "jeanne@acme.example") String email,
        @Schema(example = "COMPANY_DOMAIN") String reason,
        String message,
        @Schema(example = "3") int attempts,
        Instant firstFailedAt,
        @Schema(description = "The failure date: the latest attempt") Instant lastFailedAt) {

    public static FailureResponse from(FailureLog.Row r) {
        return new FailureResponse(r.id(), r.portalId(), r.configId(), r.configName(), r.recordId(), r.name(),
                r.email(), r.reason(), r.message(), r.attempts(), r.firstFailedAt(), r.lastFailedAt());
    }
}
