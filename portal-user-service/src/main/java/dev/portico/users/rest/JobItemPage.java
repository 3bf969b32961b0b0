package dev.portico.users.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documented JSON answer of {@code GET /jobs/{jobId}/items} (the resource returns the kit's {@code Page}; the
 * operation also answers CSV, which is why its JSON schema is named here rather than inferred).
 */
@Schema(name = "PageJobItemResponse", description = "A page of a job's items")
public record JobItemPage(List<JobItemResponse> items, int page, int size, long total,
        @Schema(description = "true when there are more than 10,000 matches and total stops counting")
        boolean totalCapped) {
}
