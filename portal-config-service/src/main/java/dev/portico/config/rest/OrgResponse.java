package dev.portico.config.rest;

import dev.portico.config.domain.Edition;
import dev.portico.config.domain.Limits;
import dev.portico.config.domain.Org;
import java.time.Instant;
import java.util.List;

public record OrgResponse(
        String id,
        String name,
        Edition edition,
        Trial trial,
        List<String> companyDomains,
        boolean gdprEnabled,
        String defaultLanguage,
        Limits limits,
        Instant portalDeletionScheduledAt,
        Instant updatedAt) {

    public record Trial(Edition edition, Instant startedAt, Instant endsAt, Instant endedAt, boolean active) {
    }

    public static OrgResponse from(Org org, Limits limits, Instant now) {
        Trial trial = org.trialStartedAt == null ? null
                : new Trial(org.trialEdition, org.trialStartedAt, org.trialEndsAt, org.trialEndedAt, org.trialActive(now));
        return new OrgResponse(org.id, org.name, org.edition, trial, List.of(org.companyDomains), org.gdprEnabled,
                org.defaultLanguage, limits, org.portalDeletionScheduledAt, org.updatedAt);
    }
}
