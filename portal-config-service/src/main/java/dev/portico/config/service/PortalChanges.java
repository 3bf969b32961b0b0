package dev.portico.config.service;

import dev.portico.config.domain.Portal;

/** Changes to a portal; null fields stay as they are. {@code module} is only there to refuse a change of it. */
public record PortalChanges(String name, String slug, Portal.Status status, Integer invitationExpiryDays, String module) {
}
