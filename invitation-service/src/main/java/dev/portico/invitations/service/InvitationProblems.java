package dev.portico.invitations.service;

import dev.portico.kit.problem.ProblemException;

/** The domain errors of invitation-service, with their stable codes. */
public final class InvitationProblems {

    private InvitationProblems() {
    }

    public static ProblemException portalNotFound() {
        return ProblemException.notFound("PORTAL_NOT_FOUND", "No such portal.");
    }

    public static ProblemException invitationNotFound() {
        return ProblemException.notFound("INVITATION_NOT_FOUND",
                "This invitation link is not valid. Ask the portal's administrator for a new invitation.");
    }

    public static ProblemException expired() {
        return ProblemException.gone("INVITATION_EXPIRED",
                "This invitation has expired. Ask the portal's administrator to invite you again.");
    }

    public static ProblemException revoked() {
        return ProblemException.gone("INVITATION_REVOKED",
                "This invitation was withdrawn or replaced by a newer one. Use the link in the latest invitation mail.");
    }

    public static ProblemException portalDeleted() {
        return ProblemException.gone("INVITATION_REVOKED",
                "The portal this invitation was for no longer exists. Ask the company that invited you.");
    }

    public static ProblemException portalUnavailable() {
        return ProblemException.conflict("PORTAL_UNAVAILABLE",
                "This portal is not open at the moment. Try the link again later, or ask the company that invited you.");
    }

    public static ProblemException alreadyAccepted() {
        return ProblemException.conflict("INVITATION_ALREADY_ACCEPTED",
                "This invitation has already been accepted. Sign in to the portal instead.");
    }

    public static ProblemException languageNotSupported(String language) {
        return ProblemException.notFound("LANGUAGE_NOT_SUPPORTED", "Invitations are not written in '" + language
                + "'. Use one of " + String.join(", ", Languages.SUPPORTED) + ".");
    }
}
