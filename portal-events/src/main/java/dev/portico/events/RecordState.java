package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Process state of a CRM record that decides whether it may be invited. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordState(Approval approval, Review review, Consent consent) {

    public enum Approval { NONE, PENDING }

    public enum Review { NONE, IN_REVIEW }

    public enum Consent { GRANTED, PENDING, DENIED, NOT_REQUIRED }

    public static final RecordState CLEAR = new RecordState(Approval.NONE, Review.NONE, Consent.NOT_REQUIRED);
}
