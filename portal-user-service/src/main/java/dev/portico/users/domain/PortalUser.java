package dev.portico.users.domain;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A membership of a CRM record in a portal. {@code active} and {@code confirmed} are the two flags of DESIGN
 * §3; {@code invitedAt} is null while the first invitation is still on its way (the seat is reserved, the user
 * is not listed yet).
 */
public record PortalUser(
        UUID id,
        String orgId,
        UUID portalId,
        UUID userTypeId,
        String module,
        String recordId,
        String name,
        String email,
        String language,
        boolean active,
        boolean confirmed,
        Instant invitedAt,
        Instant confirmedAt,
        Instant deactivatedAt,
        Instant removedAt,
        Instant createdAt,
        Instant updatedAt,
        String lastInvitationStatus) {

    /** Named for the merged OpenAPI document, where every service's {@code Status} would otherwise collide. */
    @Schema(name = "UserStatus")
    public enum Status { UNCONFIRMED, CONFIRMED, DEACTIVATED }

    public Status status() {
        if (!active) {
            return Status.DEACTIVATED;
        }
        return confirmed ? Status.CONFIRMED : Status.UNCONFIRMED;
    }

    /** A copy with some fields changed and {@code updatedAt} = {@code now}. */
    public PortalUser change(Consumer<Draft> change, Instant now) {
        Draft d = new Draft(this);
        change.accept(d);
        return new PortalUser(id, orgId, portalId, d.userTypeId, module, recordId, d.name, d.email, d.language,
                d.active, d.confirmed, d.invitedAt, d.confirmedAt, d.deactivatedAt, d.removedAt, createdAt, now,
                d.lastInvitationStatus);
    }

    /** The mutable fields of a user while a change is made. */
    public static final class Draft {
        public UUID userTypeId;
        public String name;
        public String email;
        public String language;
        public boolean active;
        public boolean confirmed;
        public Instant invitedAt;
        public Instant confirmedAt;
        public Instant deactivatedAt;
        public Instant removedAt;
        public String lastInvitationStatus;

        Draft(PortalUser u) {
            userTypeId = u.userTypeId();
            name = u.name();
            email = u.email();
            language = u.language();
            active = u.active();
            confirmed = u.confirmed();
            invitedAt = u.invitedAt();
            confirmedAt = u.confirmedAt();
            deactivatedAt = u.deactivatedAt();
            removedAt = u.removedAt();
            lastInvitationStatus = u.lastInvitationStatus();
        }
    }
}
