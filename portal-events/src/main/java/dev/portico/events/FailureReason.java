package dev.portico.events;

/**
 * Why an invitation was not sent: one vocabulary for every service, API response and log row
 * (DESIGN §3). The default message is what a person sees when no more specific one is known.
 */
public enum FailureReason {
    COMPANY_DOMAIN("The e-mail address belongs to one of the organisation's own domains."),
    AWAITING_APPROVAL("The record is locked by an approval process."),
    UNDER_REVIEW("The record is in a review process."),
    NO_CONSENT("GDPR is enabled and the record has not given consent."),
    MISSING_EMAIL("The record has no e-mail address."),
    INVALID_EMAIL("The record's e-mail address is not valid."),
    ALREADY_PORTAL_USER("The record is already a user of this portal."),
    EMAIL_IN_USE("Another record with this e-mail address is already a user of this portal."),
    USER_LIMIT_REACHED("The portal has reached its user limit."),
    PORTAL_UNAVAILABLE("The portal is disabled, deleted, or its trial is over."),
    USER_TYPE_NOT_FOUND("The user type does not exist in this portal."),
    RECORD_NOT_FOUND("The CRM record does not exist."),
    DELIVERY_FAILED("The mail server refused the invitation after retries."),
    INVITATION_REVOKED("A newer invitation, or the user's removal or deactivation, replaced this one: its link no longer works."),
    ALREADY_CONFIRMED("The user has already accepted an invitation to this portal.");

    private final String defaultMessage;

    FailureReason(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
