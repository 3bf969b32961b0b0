package dev.portico.config.service;

import dev.portico.config.domain.Limits;
import dev.portico.config.domain.Org;
import java.time.Instant;

/** An org with the limits in force and the instant they were computed for. */
public record OrgView(Org org, Limits limits, Instant now) {
}
