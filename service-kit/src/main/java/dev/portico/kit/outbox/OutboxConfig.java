package dev.portico.kit.outbox;

import io.quarkus.runtime.configuration.MemorySize;
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
    @WithDefault("7d")
    Duration retention();

    /**
     * How long a consumer remembers an event id ({@code processed_event}): a redelivery older than this would
     * be applied again, so keep it above the topics' retention and any consumer lag you tolerate.
     */
    @WithDefault("7d")
    Duration processedEventRetention();

    /** Rows deleted per statement by the clean-up, each statement in a transaction of its own. */
    @WithDefault("5000")
    int cleanupBatchSize();

    /** How often the clean-up runs. */
    @WithDefault("1m")
    Duration cleanupInterval();

    /**
     * Largest event JSON {@link Outbox#publish} accepts (UTF-8 bytes); below Kafka's default 1 MB
     * {@code max.request.size} / {@code message.max.bytes}, so an event that passes can be sent.
     */
    @WithDefault("900K")
    MemorySize maxPayloadSize();
}
