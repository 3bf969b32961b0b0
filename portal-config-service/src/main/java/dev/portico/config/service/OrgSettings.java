package dev.portico.config.service;

import dev.portico.config.domain.Edition;
import java.time.Instant;
import java.util.List;

/** What {@link OrgService#put} saves; {@code trial} null keeps the trial as it is. */
public record OrgSettings(String name, Edition edition, Trial trial, List<String> companyDomains, Boolean gdprEnabled,
        String defaultLanguage) {

    /** A trial to start or extend; {@code endsAt} null means as long as allowed. */
    public record Trial(Edition edition, Instant endsAt) {
    }
}
