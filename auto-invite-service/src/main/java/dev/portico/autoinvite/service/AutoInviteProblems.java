package dev.portico.autoinvite.service;

import dev.portico.kit.problem.ProblemException;

/** The problem codes of auto-invite-service's HTTP answers (condition codes are in ConditionCompiler). */
public final class AutoInviteProblems {

    public static final String PORTAL_NOT_FOUND = "PORTAL_NOT_FOUND";
    public static final String AUTO_INVITE_NOT_FOUND = "AUTO_INVITE_NOT_FOUND";
    public static final String INVALID_AUTO_INVITE = "INVALID_AUTO_INVITE";
    public static final String MODULE_NOT_FOUND = "MODULE_NOT_FOUND";
    public static final String NAME_REQUIRED = "NAME_REQUIRED";
    public static final String NAME_TOO_LONG = "NAME_TOO_LONG";
    public static final String USER_TYPE_REQUIRED = "USER_TYPE_REQUIRED";
    public static final String USER_TYPE_NOT_FOUND = "USER_TYPE_NOT_FOUND";
    public static final String TRIGGERS_REQUIRED = "TRIGGERS_REQUIRED";
    public static final String UNKNOWN_TRIGGER = "UNKNOWN_TRIGGER";
    public static final String DUPLICATE_TRIGGER = "DUPLICATE_TRIGGER";
    public static final String UNKNOWN_LANGUAGE_MODE = "UNKNOWN_LANGUAGE_MODE";
    public static final String RULES_REQUIRED = "RULES_REQUIRED";
    public static final String SINGLE_NEEDS_ONE_RULE = "SINGLE_NEEDS_ONE_RULE";
    public static final String UNSUPPORTED_LANGUAGE = "UNSUPPORTED_LANGUAGE";
    public static final String DUPLICATE_LANGUAGE = "DUPLICATE_LANGUAGE";
    public static final String TOO_MANY_RULES = "TOO_MANY_RULES";

    private AutoInviteProblems() {
    }

    public static ProblemException portalNotFound() {
        return ProblemException.notFound(PORTAL_NOT_FOUND, "No such portal in your org.");
    }

    public static ProblemException configNotFound() {
        return ProblemException.notFound(AUTO_INVITE_NOT_FOUND, "No such auto-invite configuration in this portal.");
    }
}
