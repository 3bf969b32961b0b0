package dev.portico.config.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "portico.config")
public interface ConfigServiceConfig {

    /** Portals are served at {@code https://{slug}.{portalDomain}}. */
    @WithDefault("portals.localhost")
    String portalDomain();

    /** Longest trial; a trial without an end date gets exactly this. */
    @WithDefault("P30D")
    Duration trialLength();

    /** How long a FREE org's disabled portals are kept before their details are deleted. */
    @WithDefault("P30D")
    Duration deletionGrace();

    @WithDefault("7")
    int defaultInvitationExpiryDays();

    /** Old slugs a portal keeps as aliases; changing the slug beyond this releases the oldest alias. */
    @WithDefault("10")
    int maxAliasesPerPortal();

    /** How often the scheduler looks for trials that ended and portal deletions that fell due. */
    @WithDefault("60s")
    String lifecycleEvery();

    /** Limits per edition (keys: free, standard, professional, enterprise, ultimate) and for a trial (key: trial). */
    @WithName("limits")
    Map<String, EditionLimits> limits();

    interface EditionLimits {

        /** Whether admins may create portals themselves (otherwise they only keep a trial's portal). */
        @WithDefault("false")
        boolean createPortals();

        /** Maximum portals; absent means unlimited. */
        Optional<Integer> portals();

        Optional<Integer> userTypesPerPortal();

        Optional<Integer> usersPerPortal();
    }
}
