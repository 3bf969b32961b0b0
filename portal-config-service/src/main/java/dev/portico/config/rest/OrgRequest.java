package dev.portico.config.rest;

import dev.portico.config.domain.Edition;
import dev.portico.config.service.OrgSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Org settings. `trial` starts (or extends) a 30-day ENTERPRISE or ULTIMATE trial; leave it out to "
        + "keep the trial as it is. Changing `edition` during a trial ends the trial (the org subscribed).")
public record OrgRequest(
        @Size(max = 200) @Pattern(regexp = Text.NO_CONTROL_CHARACTERS, message = Text.NO_CONTROL_CHARACTERS_MESSAGE)
        @Schema(example = "Acme Corp") String name,
        @NotNull @Schema(example = "FREE") Edition edition,
        @Valid TrialRequest trial,
        @Size(max = 50) List<@NotBlank @Size(max = 253) String> companyDomains,
        @Schema(example = "true") Boolean gdprEnabled,
        @Pattern(regexp = "^[a-z]{2}(-[A-Z]{2})?$", message = "must be a language code such as en or pt-BR")
        @Schema(example = "en") String defaultLanguage) {

    public record TrialRequest(
            @NotNull @Schema(example = "ENTERPRISE") Edition edition,
            @Schema(description = "Defaults to 30 days from the start; at most 30 days after it.") Instant endsAt) {
    }

    OrgSettings toSettings() {
        return new OrgSettings(name, edition, trial == null ? null : new OrgSettings.Trial(trial.edition(), trial.endsAt()),
                companyDomains, gdprEnabled, defaultLanguage);
    }
}
