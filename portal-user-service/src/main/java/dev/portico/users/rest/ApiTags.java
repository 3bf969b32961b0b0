package dev.portico.users.rest;

/** OpenAPI tag names of portal-user-service, one place. */
final class ApiTags {

    static final String USERS = "Portal users";
    static final String INVITATIONS = "Invitations";
    static final String JOBS = "Jobs";
    static final String RECORDS = "CRM records";

    private ApiTags() {
    }
}
