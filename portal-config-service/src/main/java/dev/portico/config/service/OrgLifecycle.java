package dev.portico.config.service;

import dev.portico.config.domain.CrmModule;
import dev.portico.config.domain.Edition;
import dev.portico.config.domain.Org;
import dev.portico.config.domain.OrgRepository;
import dev.portico.config.domain.Portal;
import dev.portico.config.domain.PortalRepository;
import dev.portico.config.messaging.ConfigEventPublisher;
import dev.portico.config.settings.ConfigServiceConfig;
import dev.portico.events.ConfigEvent;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Trials and what editions do to portals over time (DESIGN §3). The scheduler finds trials that ran out
 * and deletions that fell due, one org per transaction, skipping orgs another replica is handling.
 */
@ApplicationScoped
public class OrgLifecycle {

    public static final String TRIAL_MODULE = "Contacts";
    private static final int SLUG_VARIANTS = 50;

    @Inject
    OrgRepository orgs;

    @Inject
    PortalRepository portals;

    @Inject
    PortalService portalService;

    @Inject
    ModuleCatalog catalog;

    @Inject
    MetadataLock metadataLock;

    @Inject
    EditionPolicy policy;

    @Inject
    ConfigEventPublisher events;

    @Inject
    ConfigServiceConfig config;

    @Inject
    Clock clock;

    /** A trial started: the org gets the system-defined default portal for Contacts (once). */
    void trialStarted(Org org, Instant now) {
        if (portals.hasSystemPortal(org.id)) {
            return;
        }
        metadataLock.shared(org.id);
        CrmModule contacts = catalog.get(org.id, TRIAL_MODULE);
        // the org never chose this slug: any free variant will do, and racing trials each claim another one
        String base = SlugRules.derive(org.name != null ? org.name : org.id);
        List<String> candidates = new ArrayList<>();
        candidates.add(base);
        for (int n = 2; n <= SLUG_VARIANTS; n++) {
            candidates.add(base + "-" + n);
        }
        candidates.add(base + "-" + UUID.randomUUID().toString().substring(0, 8));
        String name = (org.name == null ? "Customer" : org.name) + " portal";
        portalService.newPortal(org.id, name, contacts, candidates, Portal.Status.ACTIVE,
                config.defaultInvitationExpiryDays(), true, now);
    }

    /** The trial is over, by time or because the org subscribed: keep, or suspend, by the edition now held. */
    void endTrial(Org org, Instant now) {
        org.trialEndedAt = now;
        if (!org.edition.isPaid()) {
            suspend(org, now);
        }
        Log.infof("trial of org %s ended; edition %s", org.id, org.edition);
    }

    /** An edition change outside a trial. */
    void subscriptionChanged(Org org, Edition previous, Instant now) {
        if (org.edition.isPaid() && org.portalDeletionScheduledAt != null) {
            org.portalDeletionScheduledAt = null;
            for (Portal portal : portals.lockAllOfOrg(org.id)) {
                if (portal.suspended) {
                    portal.suspended = false;
                    portal.updatedAt = now;
                    publishPortal(ConfigEvent.Type.PORTAL_UPDATED, portal);
                }
            }
            Log.infof("org %s upgraded to %s: portal deletion cancelled", org.id, org.edition);
        } else if (!org.edition.isPaid() && previous.isPaid()) {
            suspend(org, now);
        }
    }

    private void suspend(Org org, Instant now) {
        List<Portal> all = portals.lockAllOfOrg(org.id);
        if (all.isEmpty()) {
            return;
        }
        for (Portal portal : all) {
            if (!portal.suspended) {
                portal.suspended = true;
                portal.updatedAt = now;
                publishPortal(ConfigEvent.Type.PORTAL_UPDATED, portal);
            }
        }
        org.portalDeletionScheduledAt = now.plus(config.deletionGrace());
    }

    void announce(Org org, Instant now) {
        events.orgUpdated(org, policy.limits(org, now), now);
    }

    @Scheduled(every = "${portico.config.lifecycle-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        runDue();
    }

    /** Ends due trials and deletes due portals; returns how many orgs it changed. */
    public int runDue() {
        int changed = 0;
        while (Boolean.TRUE.equals(QuarkusTransaction.requiringNew().call(this::endOneTrial))) {
            changed++;
        }
        while (Boolean.TRUE.equals(QuarkusTransaction.requiringNew().call(this::deleteOneOrgsPortals))) {
            changed++;
        }
        return changed;
    }

    private boolean endOneTrial() {
        Instant now = Instant.now(clock);
        List<String> due = orgs.trialsDue(now, 1);
        if (due.isEmpty()) {
            return false;
        }
        Org org = orgs.findById(due.get(0));
        endTrial(org, now);
        org.updatedAt = now;
        announce(org, now);
        return true;
    }

    private boolean deleteOneOrgsPortals() {
        Instant now = Instant.now(clock);
        List<String> due = orgs.deletionsDue(now, 1);
        if (due.isEmpty()) {
            return false;
        }
        Org org = orgs.findById(due.get(0));
        for (Portal portal : portals.lockAllOfOrg(org.id)) {
            portalService.remove(portal);
        }
        org.portalDeletionScheduledAt = null;
        org.updatedAt = now;
        announce(org, now);
        Log.infof("portals of org %s deleted 30 days after its trial ended on FREE", org.id);
        return true;
    }

    private void publishPortal(ConfigEvent.Type type, Portal portal) {
        PortalView view = portalService.view(portal);
        events.portal(type, portal, view.url(), view.aliases());
    }
}
