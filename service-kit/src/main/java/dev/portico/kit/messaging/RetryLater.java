package dev.portico.kit.messaging;

/**
 * The event cannot be applied yet, but will be once something still on its way arrives (an event of another
 * topic, say): {@link EventConsumer} treats it as transient and retries with backoff. The thrower bounds the wait
 * (e.g. by the event's {@code occurredAt}) and decides for good after it.
 */
public class RetryLater extends RuntimeException {

    public RetryLater(String message) {
        super(message);
    }
}
