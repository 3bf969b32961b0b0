package dev.portico.kit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "portico.outbox")
public interface OutboxConfig {

    /** Whether this instance relays; any number of replicas may, one relays at a time. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows taken and sent per round trip. */
    @WithDefault("1000")
    int batchSize();

    /** How long the relay sleeps when idle; a commit that wrote to the outbox wakes it at once. */
    @WithDefault("1s")
    Duration pollInterval();

    /** First pause after a failed round; doubles up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** How long sent rows are kept for inspection before they are deleted. */
    @WithDefault("24h")
    Duration retention();
}
