package dev.portico.config.rest;

import dev.portico.config.domain.Portal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record PortalResponse(
        UUID id,
        String name,
        String module,
        String slug,
        String url,
        List<String> aliases,
        Portal.Status status,
        boolean suspended,
        int invitationExpiryDays,
        boolean system,
        Instant createdAt,
        Instant updatedAt) {

    public static PortalResponse from(Portal p, String url, List<String> aliases) {
        return new PortalResponse(p.id, p.name, p.module, p.slug, url, aliases, p.effectiveStatus(), p.suspended,
                p.invitationExpiryDays, p.system, p.createdAt, p.updatedAt);
    }
}
