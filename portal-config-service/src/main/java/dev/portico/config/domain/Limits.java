package dev.portico.config.domain;

/** The limits in force for an org right now; {@code null} numbers are unlimited. */
public record Limits(boolean createPortals, Integer portals, Integer userTypesPerPortal, Integer usersPerPortal) {
}
