package dev.portico.gateway.proxy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One per upstream service: after {@code threshold} consecutive failures (refused or timed out) the circuit
 * opens and requests are answered 503 at once, so a sick service does not tie up the gateway. After
 * {@code openFor} a single trial request goes through; its success closes the circuit, its failure opens it
 * again.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForNanos;
    private final LongSupplier nanoTime;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong openedAt = new AtomicLong();
    private final AtomicBoolean trialInFlight = new AtomicBoolean();
    private volatile boolean open;

    public CircuitBreaker(int threshold, Duration openFor) {
        this(threshold, openFor, System::nanoTime);
    }

    CircuitBreaker(int threshold, Duration openFor, LongSupplier nanoTime) {
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether a request may go to the service now. */
    public boolean allow() {
        if (!open) {
            return true;
        }
        if (nanoTime.getAsLong() - openedAt.get() < openForNanos) {
            return false;
        }
        return trialInFlight.compareAndSet(false, true);
    }

    public void success() {
        failures.set(0);
        open = false;
        trialInFlight.set(false);
    }

    public void failure() {
        if (open) {
            openedAt.set(nanoTime.getAsLong());
            trialInFlight.set(false);
            return;
        }
        if (failures.incrementAndGet() >= threshold) {
            openedAt.set(nanoTime.getAsLong());
            open = true;
            trialInFlight.set(false);
        }
    }

    public State state() {
        if (!open) {
            return State.CLOSED;
        }
        return nanoTime.getAsLong() - openedAt.get() < openForNanos ? State.OPEN : State.HALF_OPEN;
    }

    /** Whole seconds until a trial request will be let through. */
    public long retryAfterSeconds() {
        long left = openForNanos - (nanoTime.getAsLong() - openedAt.get());
        return Math.max(1, (long) Math.ceil(left / 1e9));
    }
}
