package dev.portico.users.rest;

import dev.portico.users.domain.PortalUser;
import java.time.Instant;
import java.util.UUID;

public record UserResponse(
        UUID id,
        UUID portalId,
        UUID userTypeId,
        String module,
        String recordId,
        String name,
        String email,
        String language,
        boolean active,
        boolean confirmed,
        PortalUser.Status status,
        Instant invitedAt,
        Instant confirmedAt,
        Instant deactivatedAt,
        String lastInvitationStatus) {

    public static UserResponse from(PortalUser u) {
        return new UserResponse(u.id(), u.portalId(), u.userTypeId(), u.module(), u.recordId(), u.name(), u.email(),
                u.language(), u.active(), u.confirmed(), u.status(), u.invitedAt(), u.confirmedAt(),
                u.deactivatedAt(), u.lastInvitationStatus());
    }
}
