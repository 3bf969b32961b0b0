package dev.portico.users.rest;

import dev.portico.users.domain.BulkJob;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A lifecycle action on users chosen by id or by the list's filter (exactly one of the two).")
public record BulkActionRequest(
        @NotNull @Schema(required = true, example = "DEACTIVATE",
                enumeration = {"REINVITE", "DEACTIVATE", "ACTIVATE", "REMOVE", "CHANGE_TYPE"}) BulkJob.Action action,
        @Size(min = 1, max = 10_000, message = "must list 1 to 10000 user ids")
        @Schema(example = "[\"1d0c6a2e-7f4b-4c4e-9a7e-5f3b2a1c0d9e\"]") List<@NotNull UUID> userIds,
        @Valid @Schema(description = "All users the list query matches") Filter filter,
        @Schema(description = "The new user type (CHANGE_TYPE)") UUID targetUserTypeId,
        @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language tag such as en or pt-BR")
        @Schema(example = "de", description = "Language of re-sent invitations (REINVITE)") String language) {

    @Schema(description = "The users list's query as an object")
    public record Filter(
            @Schema(example = "unconfirmed", enumeration = {"all", "active", "confirmed", "unconfirmed", "deactivated"})
            String status,
            UUID userTypeId,
            @Size(max = 100) @Schema(example = "ann") String q) {
    }
}
