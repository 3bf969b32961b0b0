package dev.portico.config.rest;

import dev.portico.config.domain.Portal;
import dev.portico.config.service.NewPortal;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new portal serving one CRM module.")
public record PortalRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = Text.NO_CONTROL_CHARACTERS, message = Text.NO_CONTROL_CHARACTERS_MESSAGE)
        @Schema(example = "Customer portal") String name,
        @NotBlank @Size(max = 50) @Schema(example = "Contacts") String module,
        @NotBlank @Size(max = 63) @Schema(example = "acme-customers",
                description = "DNS label, 3–63 characters of a–z, 0–9 and '-', unique across all orgs") String slug,
        @Schema(example = "ACTIVE", defaultValue = "ACTIVE") Portal.Status status,
        @Min(value = 1, message = "must be between 1 and 30") @Max(value = 30, message = "must be between 1 and 30")
        @Schema(example = "7", defaultValue = "7") Integer invitationExpiryDays) {

    NewPortal toCommand() {
        return new NewPortal(name, module, slug, status, invitationExpiryDays);
    }
}
