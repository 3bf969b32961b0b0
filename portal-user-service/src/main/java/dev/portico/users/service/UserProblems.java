package dev.portico.users.service;

import dev.portico.kit.problem.ProblemException;

/** The problem codes of portal-user-service's HTTP answers. */
public final class UserProblems {

    public static final String PORTAL_NOT_FOUND = "PORTAL_NOT_FOUND";
    public static final String USER_NOT_FOUND = "USER_NOT_FOUND";
    public static final String JOB_NOT_FOUND = "JOB_NOT_FOUND";
    public static final String USER_TYPE_NOT_FOUND = "USER_TYPE_NOT_FOUND";
    public static final String DUPLICATE_RECORD_IDS = "DUPLICATE_RECORD_IDS";
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    public static final String USER_DEACTIVATED = "USER_DEACTIVATED";
    public static final String MODULE_NOT_ACCESSIBLE = "MODULE_NOT_ACCESSIBLE";
    public static final String TOO_MANY_USERS = "TOO_MANY_USERS";
    public static final String RECORD_NOT_FOUND = "RECORD_NOT_FOUND";

    private UserProblems() {
    }

    public static ProblemException portalNotFound() {
        return ProblemException.notFound(PORTAL_NOT_FOUND, "No such portal in your org.");
    }

    public static ProblemException userNotFound() {
        return ProblemException.notFound(USER_NOT_FOUND, "No such user in this portal.");
    }

    public static ProblemException jobNotFound() {
        return ProblemException.notFound(JOB_NOT_FOUND, "No such job in your org.");
    }
}
