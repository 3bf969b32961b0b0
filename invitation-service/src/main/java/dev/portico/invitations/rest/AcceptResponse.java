package dev.portico.invitations.rest;

import dev.portico.invitations.service.AcceptService;
import java.util.UUID;

/** Where the new portal user goes next. */
public record AcceptResponse(UUID portalId, String portalUrl, String email) {

    static AcceptResponse from(AcceptService.Accepted accepted) {
        return new AcceptResponse(accepted.portalId(), accepted.portalUrl(), accepted.email());
    }
}
