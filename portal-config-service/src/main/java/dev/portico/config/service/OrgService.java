package dev.portico.config.service;

import dev.portico.config.domain.Edition;
import dev.portico.config.domain.Org;
import dev.portico.config.domain.OrgRepository;
import dev.portico.config.settings.ConfigServiceConfig;
import dev.portico.kit.problem.FieldError;
import dev.portico.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

@ApplicationScoped
public class OrgService {

    private static final Pattern DOMAIN = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    @Inject
    OrgRepository orgs;

    @Inject
    EditionPolicy policy;

    @Inject
    OrgLifecycle lifecycle;

    @Inject
    ConfigServiceConfig config;

    @Inject
    Clock clock;

    /** The org's settings; an org that never saved any is a FREE org with defaults. */
    public OrgView get(String orgId) {
        Instant now = Instant.now(clock);
        Org org = orgs.findByIdOptional(orgId).orElseGet(() -> Org.unconfigured(orgId, now));
        return new OrgView(org, policy.limits(org, now), now);
    }

    /**
     * Saves the settings and applies what an edition or trial change implies (DESIGN §3): a new trial gets
     * the default Contacts portal; an edition change during a trial ends it; a move to FREE suspends the
     * portals and schedules their deletion; a paid edition cancels a scheduled deletion.
     */
    @Transactional
    public OrgView put(String orgId, OrgSettings request, IfMatch ifMatch) {
        Instant now = Instant.now(clock);
        List<String> domains = domains(request.companyDomains());
        orgs.getEntityManager().createNativeQuery("""
                        insert into org (id, edition, created_at, updated_at) values (?1, 'FREE', ?2, ?2)
                        on conflict do nothing""")
                .setParameter(1, orgId).setParameter(2, now).executeUpdate();
        Org org = orgs.lock(orgId).orElseThrow();
        ifMatch.check(org.version);

        org.name = request.name() == null ? null : request.name().trim();
        org.companyDomains = domains.toArray(String[]::new);
        org.gdprEnabled = Boolean.TRUE.equals(request.gdprEnabled());
        org.defaultLanguage = request.defaultLanguage() == null ? "en" : request.defaultLanguage();

        Edition previous = org.edition;
        org.edition = request.edition();
        if (request.trial() != null) {
            trial(org, request.trial(), now);
        }
        if (org.trialActive(now) && org.edition != previous) {
            lifecycle.endTrial(org, now);
        } else if (org.edition != previous && !org.trialActive(now)) {
            lifecycle.subscriptionChanged(org, previous, now);
        }
        org.updatedAt = now;
        orgs.flush();
        lifecycle.announce(org, now);
        return new OrgView(org, policy.limits(org, now), now);
    }

    private void trial(Org org, OrgSettings.Trial trial, Instant now) {
        if (!trial.edition().isPortalEdition()) {
            throw ProblemException.invalid("TRIAL_EDITION_NOT_SUPPORTED", "trial.edition",
                    "trials are for ENTERPRISE or ULTIMATE");
        }
        if (org.trialStartedAt == null) {
            if (org.edition.isPortalEdition()) {
                throw ProblemException.conflict("TRIAL_NOT_AVAILABLE",
                        "The org already has the " + org.edition + " edition; a trial adds nothing.");
            }
            Instant endsAt = trialEnd(trial, now, now);
            org.trialEdition = trial.edition();
            org.trialStartedAt = now;
            org.trialEndsAt = endsAt;
            lifecycle.trialStarted(org, now);
        } else if (org.trialActive(now)) {
            org.trialEdition = trial.edition();
            org.trialEndsAt = trialEnd(trial, org.trialStartedAt, now);
        } else if (!trial.edition().equals(org.trialEdition)
                || (trial.endsAt() != null && !trial.endsAt().equals(org.trialEndsAt))) {
            throw ProblemException.conflict("TRIAL_NOT_AVAILABLE", "The org's trial has ended; an org has one trial.");
        }
    }

    private Instant trialEnd(OrgSettings.Trial trial, Instant startedAt, Instant now) {
        Instant latest = startedAt.plus(config.trialLength());
        Instant endsAt = trial.endsAt() == null ? latest : trial.endsAt();
        if (!endsAt.isAfter(now) || endsAt.isAfter(latest)) {
            throw ProblemException.invalid("INVALID_TRIAL_END", "trial.endsAt",
                    "must be after now and at most " + config.trialLength().toDays() + " days after the trial started ("
                            + latest + ")");
        }
        return endsAt;
    }

    private static List<String> domains(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        Set<String> clean = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String domain = requested.get(i).trim().toLowerCase(Locale.ROOT);
            if (domain.startsWith("@")) {
                domain = domain.substring(1);
            }
            if (!DOMAIN.matcher(domain).matches()) {
                errors.add(new FieldError("companyDomains[" + i + "]", "'" + requested.get(i) + "' is not a domain name",
                        "INVALID_DOMAIN"));
            }
            clean.add(domain);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("INVALID_DOMAIN", "Company domains must be domain names such as acme.com.", errors);
        }
        return List.copyOf(clean);
    }
}
