package dev.portico.users.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Invite CRM records of the portal's module as users of one user type.")
public record InviteRequest(
        @NotNull @Schema(required = true, example = "6b1f3c4e-2a0d-4a9e-9c51-0b7f0a6f9d11") UUID userTypeId,
        @NotNull @Size(min = 1, max = 10_000, message = "must list 1 to 10000 record ids")
        @Schema(required = true, example = "[\"c-1001\", \"c-1002\"]", description = "1 to 10,000 distinct CRM record ids")
        List<@NotBlank @Size(max = 255) String> recordIds,
        @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language tag such as en or pt-BR")
        @Schema(example = "fr", description = "Language of the invitation mail; default: the record's language, "
                + "then the org's default language, then English") String language) {
}
