package dev.portico.config.service;

import java.util.UUID;

/** What a slug resolves to: the portal and its current slug; {@code alias} when the slug asked for is an old one. */
public record ResolvedSlug(UUID portalId, String slug, String url, boolean alias) {
}
