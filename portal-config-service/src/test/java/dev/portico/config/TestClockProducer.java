package dev.portico.config;

import dev.portico.kit.testing.MutableClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Replaces the system clock in tests so trials can end and deletions fall due on demand. */
@ApplicationScoped
public class TestClockProducer {

    static final MutableClock CLOCK = new MutableClock();

    @Produces
    @Singleton
    MutableClock clock() {
        return CLOCK;
    }
}
