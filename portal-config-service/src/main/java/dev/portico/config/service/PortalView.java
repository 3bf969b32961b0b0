package dev.portico.config.service;

import dev.portico.config.domain.Portal;
import java.util.List;

/** A portal with what the API shows beside it: its URL and old slugs. */
public record PortalView(Portal portal, String url, List<String> aliases) {
}
