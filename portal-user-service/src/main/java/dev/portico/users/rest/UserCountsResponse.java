package dev.portico.users.rest;

import dev.portico.users.domain.PortalUserRepository;

/** The filter chips: {@code all} = active + deactivated; {@code active} = confirmed + unconfirmed. */
public record UserCountsResponse(long all, long active, long confirmed, long unconfirmed, long deactivated) {

    static UserCountsResponse from(PortalUserRepository.Counts c) {
        return new UserCountsResponse(c.all(), c.active(), c.confirmed(), c.unconfirmed(), c.deactivated());
    }
}
