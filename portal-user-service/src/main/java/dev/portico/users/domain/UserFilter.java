package dev.portico.users.domain;

import java.util.UUID;

/** The users list's query (DESIGN §4), also the {@code filter} of a bulk action. */
public record UserFilter(State state, UUID userTypeId, String q) {

    public enum State { ALL, ACTIVE, CONFIRMED, UNCONFIRMED, DEACTIVATED }

    public State stateOrAll() {
        return state == null ? State.ALL : state;
    }
}
