package dev.portico.config.service;

import dev.portico.config.domain.Limits;
import dev.portico.config.domain.Org;
import dev.portico.config.settings.ConfigServiceConfig.EditionLimits;
import dev.portico.config.settings.ConfigServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Locale;

/** Which limits apply to an org: a running trial's, otherwise its edition's (from configuration). */
@ApplicationScoped
public class EditionPolicy {

    @Inject
    ConfigServiceConfig config;

    public Limits limits(Org org, Instant now) {
        String key = org.trialActive(now) ? "trial" : org.edition.name().toLowerCase(Locale.ROOT);
        EditionLimits limits = config.limits().get(key);
        if (limits == null) {
            return new Limits(false, 0, 0, 0);
        }
        return new Limits(limits.createPortals(), limits.portals().orElse(null),
                limits.userTypesPerPortal().orElse(null), limits.usersPerPortal().orElse(null));
    }
}
