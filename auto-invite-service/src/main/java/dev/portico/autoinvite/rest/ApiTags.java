package dev.portico.autoinvite.rest;

/** OpenAPI tag names of auto-invite-service, one place. */
final class ApiTags {

    static final String AUTO_INVITE = "Auto-invite";

    private ApiTags() {
    }
}
