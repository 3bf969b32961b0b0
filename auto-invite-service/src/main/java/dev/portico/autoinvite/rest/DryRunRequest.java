package dev.portico.autoinvite.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A sample record to evaluate a configuration against, without requesting anything.")
public record DryRunRequest(
        @NotNull @Schema(required = true, example = "{\"Country\": \"France\", \"Subscription\": \"Paid\"}")
        Map<String, Object> record,
        @Size(max = 1000) @Schema(description = "Fields the change touched (for the changed operator); default none",
                example = "[\"Country\"]") List<String> changedFields) {
}
