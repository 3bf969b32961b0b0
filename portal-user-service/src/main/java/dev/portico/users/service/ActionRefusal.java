package dev.portico.users.service;

/** Why a bulk action left a user as it was (DESIGN §3, the lifecycle table's "otherwise" column). */
public enum ActionRefusal {
    NOT_ALLOWED_IN_STATE("The user's state does not allow this action."),
    ALREADY_ACTIVE("The user is already active."),
    USER_LIMIT_REACHED("The portal has reached its user limit."),
    ALREADY_IN_TYPE("The user already has this user type."),
    USER_TYPE_NOT_FOUND("The user type does not exist in this portal."),
    USER_NOT_FOUND("The user is not (or no longer) a user of this portal."),
    RECORD_NOT_FOUND("The user's CRM record no longer exists.");

    private final String message;

    ActionRefusal(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
