package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** What every event on every Portico topic carries (DESIGN §5). */
public interface PorticoEvent {

    UUID eventId();

    String orgId();

    Instant occurredAt();

    /** The topic the event belongs on. */
    @JsonIgnore
    String topic();

    /** The Kafka key that keeps per-entity order on {@link #topic()}. */
    @JsonIgnore
    String key();
}
