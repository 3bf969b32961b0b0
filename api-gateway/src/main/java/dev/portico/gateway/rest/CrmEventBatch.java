package dev.portico.gateway.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documented shape of {@code POST /crm/events} (the resource reads the body as JSON and validates it itself,
 * {@link CrmEventValidator}, so that every problem of a batch is named at once): a batch of record changes. A single
 * change sent on its own (without {@code events}) is accepted too.
 */
@Schema(name = "CrmEventBatch", description = "Up to 1,000 record changes, published together or not at all")
public record CrmEventBatch(
        @Schema(required = true, minItems = 1, maxItems = 1000) List<CrmEvent> events) {

    /** One record change, as on the Kafka topic {@code crm.record-changed}. */
    @Schema(name = "CrmEvent", description = "A CRM record created, updated or deleted")
    public record CrmEvent(
            @Schema(description = "Made up when missing; send the same id again to retry safely") UUID eventId,
            @Schema(description = "The token's org when missing; another org is refused", maxLength = 200) String orgId,
            @Schema(required = true, maxLength = 100, examples = "Contacts") String module,
            @Schema(required = true, maxLength = 255, examples = "5001") String recordId,
            @Schema(required = true) Operation operation,
            @Schema(required = true, description = "Increases with every change of the record; older ones are ignored",
                    minimum = "0") long version,
            @Schema(description = "The record's fields by API name (lookups as {\"id\": ...}, multi-lookups as lists)")
            Map<String, Object> record,
            @Schema(description = "API names of the fields this change touched (auto-invite's `changed` operator)")
            List<String> changedFields,
            State state) {
    }

    @Schema(name = "CrmOperation")
    public enum Operation { CREATED, UPDATED, DELETED }

    /** Approval, review and GDPR consent of the record. */
    @Schema(name = "CrmRecordState")
    public record State(Approval approval, Review review, Consent consent) {
    }

    @Schema(name = "CrmApproval")
    public enum Approval { NONE, PENDING }

    @Schema(name = "CrmReview")
    public enum Review { NONE, IN_REVIEW }

    @Schema(name = "CrmConsent")
    public enum Consent { GRANTED, PENDING, DENIED, NOT_REQUIRED }
}
