package dev.portico.config.rest;

import dev.portico.config.service.ResolvedSlug;
import java.util.UUID;

/** What a slug resolves to: the portal and its current slug; {@code alias} when the slug asked for is an old one. */
public record PortalUrlResponse(UUID portalId, String slug, String url, boolean alias) {

    static PortalUrlResponse from(ResolvedSlug resolved) {
        return new PortalUrlResponse(resolved.portalId(), resolved.slug(), resolved.url(), resolved.alias());
    }
}
