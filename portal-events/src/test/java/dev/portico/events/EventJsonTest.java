package dev.portico.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contracts read what newer producers write (unknown fields ignored) and never leak their routing data. */
class EventJsonTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void recordChangedRoundTripsWithoutTopicOrKeyInTheJson() throws Exception {
        RecordChanged event = new RecordChanged(UUID.randomUUID(), RecordChanged.TYPE, "acme",
                Instant.parse("2026-11-22T10:00:00Z"), "Deals", "d1", RecordChanged.Operation.UPDATED, 4,
                Map.of("Stakeholders", List.of(Map.of("id", "c1"), Map.of("id", "c2"))), List.of("Stakeholders"),
                RecordState.CLEAR);
        String json = mapper.writeValueAsString(event);
        assertFalse(json.contains("\"topic\""));
        assertFalse(json.contains("\"key\""));
        assertTrue(json.contains("\"occurredAt\":\"2026-11-22T10:00:00Z\""));
        RecordChanged back = mapper.readValue(json, RecordChanged.class);
        assertEquals(event, back);
        assertEquals("acme/Deals/d1", back.key());
        assertEquals(Topics.CRM_RECORD_CHANGED, back.topic());
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() throws Exception {
        InvitationEvent event = mapper.readValue("""
                {"eventId":"7d1f4d2e-6b0a-4a5c-9a55-0c1f0e2d3b4a","type":"FAILED","orgId":"acme",
                 "occurredAt":"2026-11-22T10:00:00Z","portalId":"p1","recordId":"r1","reason":"NO_CONSENT",
                 "message":"no consent","somethingNew":{"nested":true}}""", InvitationEvent.class);
        assertEquals(InvitationEvent.Type.FAILED, event.type());
        assertEquals(FailureReason.NO_CONSENT, event.reason());
        assertEquals("acme/p1/r1", event.key());
    }

    @Test
    void everyTopicHasADeadLetterTwin() {
        assertEquals(6, Topics.ALL.size());
        assertEquals("portal.user-events.dlq", Topics.deadLetter(Topics.USER_EVENTS));
    }
}
