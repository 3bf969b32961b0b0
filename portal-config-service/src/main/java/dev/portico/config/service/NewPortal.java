package dev.portico.config.service;

import dev.portico.config.domain.Portal;

/** What {@link PortalService#create} needs; {@code status} and {@code invitationExpiryDays} may be null (defaults). */
public record NewPortal(String name, String module, String slug, Portal.Status status, Integer invitationExpiryDays) {
}
