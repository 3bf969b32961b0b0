package dev.portico.config.rest;

/** OpenAPI tag names of this service, in one place. */
final class ApiTags {

    static final String ORG = "Org";
    static final String MODULES = "Modules";
    static final String PORTALS = "Portals";
    static final String USER_TYPES = "User types";

    private ApiTags() {
    }
}
