package dev.portico.invitations.service;

import dev.portico.events.ConfigEvent;
import dev.portico.events.FailureReason;
import dev.portico.events.RecordSnapshot;
import dev.portico.events.RecordState;
import java.util.List;
import java.util.Optional;

/**
 * Whether a record may be invited to a portal (DESIGN §3): the portal is available, the record has a valid
 * e-mail address outside the org's own domains, is not locked by an approval or in a review, and has given
 * consent where GDPR applies. Each refusal says what to do about it.
 */
public final class Eligibility {

    public record Failure(FailureReason reason, String message) {
    }

    private Eligibility() {
    }

    public static Optional<Failure> check(RecordSnapshot record, ConfigEvent.Org org, ConfigEvent.Portal portal) {
        if (!open(portal)) {
            return Optional.of(portalUnavailable(portal));
        }
        String email = record == null ? null : record.email();
        if (email == null || email.isBlank()) {
            return fail(FailureReason.MISSING_EMAIL,
                    "The record has no e-mail address. Add one in the CRM, then invite the record again.");
        }
        Optional<String> invalid = EmailAddresses.problem(email);
        if (invalid.isPresent()) {
            return fail(FailureReason.INVALID_EMAIL, "'" + email.trim() + "' is not a valid e-mail address: "
                    + invalid.get() + ". Correct it in the CRM, then invite the record again.");
        }
        Optional<String> ownDomain = companyDomain(EmailAddresses.domain(email), org);
        if (ownDomain.isPresent()) {
            return fail(FailureReason.COMPANY_DOMAIN, "'" + email.trim() + "' is an address on " + ownDomain.get()
                    + ", one of the organisation's own domains, and portals are for people outside it. Put the person's "
                    + "own address in the CRM (or remove the domain from the organisation's company domains), then "
                    + "invite the record again.");
        }
        RecordState state = record.state() == null ? RecordState.CLEAR : record.state();
        if (state.approval() == RecordState.Approval.PENDING) {
            return fail(FailureReason.AWAITING_APPROVAL,
                    "The record is locked by an approval process. Invite it again once the approval is decided.");
        }
        if (state.review() == RecordState.Review.IN_REVIEW) {
            return fail(FailureReason.UNDER_REVIEW,
                    "The record is in a review process. Invite it again once the review is complete.");
        }
        if (org != null && org.gdprEnabled() && state.consent() != RecordState.Consent.GRANTED) {
            String consent = state.consent() == null ? "not recorded" : state.consent().name().toLowerCase();
            return fail(FailureReason.NO_CONSENT, "GDPR is enabled and the record's consent is " + consent
                    + ". Obtain the person's consent in the CRM, then invite the record again.");
        }
        return Optional.empty();
    }

    /** Whether a portal takes people in: known, not deleted, ACTIVE. */
    public static boolean open(ConfigEvent.Portal portal) {
        return portal != null && "ACTIVE".equals(portal.status());
    }

    public static Failure portalUnavailable(ConfigEvent.Portal portal) {
        String what = portal == null ? "does not exist or was deleted" : "is " + String.valueOf(portal.status()).toLowerCase();
        return new Failure(FailureReason.PORTAL_UNAVAILABLE, "The portal " + what
                + ". Enable the portal (or renew the subscription that keeps it), then invite the record again.");
    }

    /** The org domain that {@code domain} is, or is a subdomain of. */
    static Optional<String> companyDomain(String domain, ConfigEvent.Org org) {
        List<String> own = org == null || org.companyDomains() == null ? List.of() : org.companyDomains();
        for (String candidate : own) {
            Optional<String> ascii = EmailAddresses.asciiDomain(candidate);
            if (ascii.isPresent() && (domain.equals(ascii.get()) || domain.endsWith("." + ascii.get()))) {
                return Optional.of(candidate.trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> fail(FailureReason reason, String message) {
        return Optional.of(new Failure(reason, message));
    }
}
