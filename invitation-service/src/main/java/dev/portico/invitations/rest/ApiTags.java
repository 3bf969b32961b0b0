package dev.portico.invitations.rest;

/** OpenAPI tag names of this service, in one place. */
final class ApiTags {

    static final String INVITATIONS = "Invitations";
    static final String ACCEPTANCE = "Invitation acceptance";
    static final String TEMPLATES = "Invitation templates";

    private ApiTags() {
    }
}
