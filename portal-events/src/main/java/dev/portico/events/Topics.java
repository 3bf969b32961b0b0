package dev.portico.events;

import java.util.List;

/** Kafka topic names of DESIGN §5. Every topic has a dead-letter twin, {@code <topic>.dlq}. */
public final class Topics {

    public static final String CRM_RECORD_CHANGED = "crm.record-changed";
    public static final String INVITE_REQUESTED = "portal.invite-requested";
    public static final String INVITATION_DISPATCH = "portal.invitation-dispatch";
    public static final String INVITATION_EVENTS = "portal.invitation-events";
    public static final String USER_EVENTS = "portal.user-events";
    public static final String CONFIG_EVENTS = "portal.config-events";

    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /** The topics every deployment must have, in the order of DESIGN §5. */
    public static final List<String> ALL = List.of(
            CRM_RECORD_CHANGED, INVITE_REQUESTED, INVITATION_DISPATCH,
            INVITATION_EVENTS, USER_EVENTS, CONFIG_EVENTS);

    /** Request id travelling with an event, as it did with the HTTP request that caused it. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
