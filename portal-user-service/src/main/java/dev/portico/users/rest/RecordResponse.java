package dev.portico.users.rest;

import dev.portico.events.RecordState;
import dev.portico.users.domain.CrmRecord;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A CRM record as the directory holds it. */
public record RecordResponse(
        @Schema(example = "Contacts") String module,
        @Schema(example = "5725767000000412001") String recordId,
        @Schema(description = "The CRM's version of the record; a lower one arriving later changes nothing",
                example = "3") long version,
        @Schema(example = "Ann Archer") String name,
        @Schema(example = "ann@customer.example") String email,
        @Schema(description = "The record's language, when the CRM sends one", example = "fr") String language,
        RecordState state,
        @Schema(description = "The record's fields as the CRM sent them",
                example = "{\"Full_Name\": \"Ann Archer\", \"Email\": \"ann@customer.example\"}")
        Map<String, Object> fields) {

    static RecordResponse from(CrmRecord record) {
        return new RecordResponse(record.module(), record.recordId(), record.version(), record.name(), record.email(),
                record.language(), record.state(), record.fields());
    }
}
