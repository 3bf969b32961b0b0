package dev.portico.config.rest;

import dev.portico.config.domain.Portal;
import dev.portico.config.service.PortalChanges;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Changes to a portal; absent fields stay. A new slug keeps the old one as an alias "
        + "(no mail is sent to users about the new URL). The module cannot change.")
public record PortalPatch(
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        @Pattern(regexp = Text.NO_CONTROL_CHARACTERS, message = Text.NO_CONTROL_CHARACTERS_MESSAGE) String name,
        @Size(max = 63) @Schema(example = "acme-help") String slug,
        Portal.Status status,
        @Min(value = 1, message = "must be between 1 and 30") @Max(value = 30, message = "must be between 1 and 30")
        Integer invitationExpiryDays,
        @Schema(hidden = true) String module) {

    PortalChanges toCommand() {
        return new PortalChanges(name, slug, status, invitationExpiryDays, module);
    }
}
