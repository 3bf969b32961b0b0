package dev.portico.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A consumer waiting out an outage does not hold the shutdown up for its backoff: it stops at once and leaves
 * the record unacknowledged (redelivered after the restart), never dead-lettered.
 */
@QuarkusTest
class EventConsumerShutdownTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    DeadLetters deadLetters;

    @Test
    void shutdownEndsTheBackoffAtOnce() throws Exception {
        EventConsumer consumer = new EventConsumer();
        consumer.mapper = mapper;
        consumer.deadLetters = deadLetters;
        consumer.metrics = new SimpleMeterRegistry();
        consumer.initialBackoff = Duration.ofSeconds(20);
        consumer.maxBackoff = Duration.ofSeconds(20);
        consumer.unexpectedAttempts = 3;
        ConsumerRecord<String, String> record = new ConsumerRecord<>("portal.user-events", 0, 42L, "k", "{\"a\":1}");
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                consumer.consume(record, Map.class, event -> {
                    attempts.incrementAndGet();
                    throw new PersistenceException(new SQLTransientConnectionException("database away"));
                });
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "consumer-under-outage");
        worker.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 1);
        Thread.sleep(300); // inside the 20 s backoff now

        long start = System.nanoTime();
        consumer.stop(null);
        worker.join(TimeUnit.SECONDS.toMillis(5));

        assertThat(worker.isAlive()).as("still waiting out its backoff").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(outcome.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("portal.user-events-0@42 stays unacknowledged");
        assertThat(attempts.get()).as("no attempt after the shutdown").isEqualTo(1);
    }
}
