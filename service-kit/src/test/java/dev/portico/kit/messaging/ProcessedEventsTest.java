package dev.portico.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProcessedEventsTest {

    @Inject
    ProcessedEvents processed;

    @Test
    void redeliveredEventIsProcessedOnce() {
        UUID id = UUID.randomUUID();
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("c1", id))).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("c1", id))).isFalse();
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("c2", id)))
                .as("each consumer keeps its own log").isTrue();
    }

    @Test
    void failedAttemptLeavesNoTraceSoTheRetryProcessesIt() {
        UUID id = UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            processed.firstDelivery("c1", id);
            throw new IllegalStateException("applying the event failed");
        }));
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("c1", id))).isTrue();
    }

    @Test
    void aBatchKeepsTheFirstDeliveryOfEachEventInOrder() {
        UUID seen = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> processed.firstDelivery("c1", seen));
        List<String> events = List.of("b:" + b, "seen:" + seen, "a:" + a, "b-again:" + b);
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDeliveries("c1", events,
                e -> UUID.fromString(e.substring(e.indexOf(':') + 1)))))
                .containsExactly("b:" + b, "a:" + a);
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDeliveries("c1", events,
                e -> UUID.fromString(e.substring(e.indexOf(':') + 1))))).as("the whole batch redelivered").isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery("c1", a))).isFalse();
    }

    @Test
    void aReadBesideTheBatchGetsItsRowsInTheSameStatementRound() {
        String consumer = "c-" + UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> processed.firstDelivery(consumer, a));
        List<String> read = new ArrayList<>();
        ProcessedEvents.Read ids = new ProcessedEvents.Read(
                "select cast(event_id as text) from processed_event where consumer = ? and event_id = any(cast(? as uuid[])) "
                        + "order by event_id",
                List.of(consumer, new String[] {a.toString(), b.toString()}), row -> read.add(row.getString(1)));

        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDeliveries(consumer, List.of(a, b),
                id -> id, ids))).containsExactly(b);
        assertThat(read).as("runs after the insert, in its transaction")
                .containsExactlyElementsOf(List.of(a.toString(), b.toString()).stream().sorted().toList());

        read.clear();
        List<UUID> noIds = new ArrayList<>();
        noIds.add(null);
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDeliveries(consumer, noIds, id -> id,
                ids))).as("an event without an id is kept").hasSize(1);
        assertThat(read).as("and the read runs without the insert").hasSize(2);
    }

    @Test
    void needsTheConsumersTransaction() {
        assertThrows(TransactionalException.class, () -> processed.firstDelivery("c1", UUID.randomUUID()));
    }
}
