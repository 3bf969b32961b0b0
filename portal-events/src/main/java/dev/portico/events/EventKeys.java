package dev.portico.events;

/** Kafka keys of DESIGN §5: they keep the events of one entity in one partition, in order. */
public final class EventKeys {

    private EventKeys() {
    }

    public static String record(String orgId, String module, String recordId) {
        return orgId + "/" + module + "/" + recordId;
    }

    public static String portalRecord(String orgId, String portalId, String recordId) {
        return orgId + "/" + portalId + "/" + recordId;
    }

    public static String portalUser(String orgId, String portalId, String userId) {
        return orgId + "/" + portalId + "/" + userId;
    }

    public static String org(String orgId) {
        return orgId;
    }
}
