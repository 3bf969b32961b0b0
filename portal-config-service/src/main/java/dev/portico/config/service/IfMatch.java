package dev.portico.config.service;

import java.util.Set;

/**
 * The versions a conditional write ({@code If-Match}) accepts; {@link #ANY} when the request names none.
 * Checked under the row lock, so a write based on a stale read answers 412 instead of overwriting.
 */
public record IfMatch(Set<Long> versions) {

    public static final IfMatch ANY = new IfMatch(null);

    public static IfMatch of(Set<Long> versions) {
        return versions == null ? ANY : new IfMatch(Set.copyOf(versions));
    }

    void check(long current) {
        if (versions != null && !versions.contains(current)) {
            throw ConfigProblems.preconditionFailed();
        }
    }
}
