package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Org, portal, user-type and module changes ({@value Topics#CONFIG_EVENTS}), keyed by org so that
 * every consumer sees one org's configuration in order. Exactly the snapshot matching the type is
 * set; a DELETED event carries the last state. {@code USER_TYPE_DELETED} names in
 * {@code transferToUserTypeId} the type that takes over the deleted type's users.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigEvent(
        UUID eventId,
        Type type,
        String orgId,
        Instant occurredAt,
        Org org,
        Portal portal,
        UserType userType,
        Module module,
        String transferToUserTypeId) implements PorticoEvent {

    public enum Type {
        ORG_UPDATED,
        PORTAL_CREATED, PORTAL_UPDATED, PORTAL_DELETED,
        USER_TYPE_CREATED, USER_TYPE_UPDATED, USER_TYPE_DELETED,
        MODULE_UPDATED
    }

    @Override
    public String topic() {
        return Topics.CONFIG_EVENTS;
    }

    @Override
    public String key() {
        return EventKeys.org(orgId);
    }

    /** Limits in force for the org; {@code null} means unlimited. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Limits(boolean createPortals, Integer portals, Integer userTypesPerPortal, Integer usersPerPortal) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Org(
            String name,
            String edition,
            String trialEdition,
            Instant trialEndsAt,
            List<String> companyDomains,
            boolean gdprEnabled,
            String defaultLanguage,
            Limits limits,
            Instant portalDeletionScheduledAt,
            boolean trialActive) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Portal(
            String id,
            String name,
            String module,
            String slug,
            String url,
            List<String> aliases,
            String status,
            int invitationExpiryDays,
            boolean system) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserType(String id, String portalId, String name, List<ModuleAccess> modules) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModuleAccess(
            String module,
            Permissions permissions,
            String relatedVia,
            List<FieldAccess> fields) {
    }

    public record Permissions(boolean view, boolean create, boolean edit, boolean delete) {
    }

    public record FieldAccess(String name, String access) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Module(String name, String nameField, String emailField, List<Field> fields) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Field(String name, String type, String targetModule) {
    }
}
