package dev.portico.autoinvite.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

@ConfigMapping(prefix = "portico.auto-invite")
public interface AutoInviteSettings {

    /** Languages a rule may pick: those invitation-service has templates for (primary subtag, e.g. pt of pt-BR). */
    @WithDefault("en,fr,de,es,it,pt,nl,ja")
    Set<String> languages();

    /**
     * How long a requested invitation blocks new requests for the same record and portal when no outcome
     * arrives (a SENT, FAILED or user event normally settles it within seconds).
     */
    @WithDefault("1h")
    Duration inFlightTimeout();
}
