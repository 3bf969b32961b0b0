package dev.portico.config.rest;

/** Constraints shared by the request records. */
final class Text {

    /** Names are shown in portals and e-mails: no NUL, line breaks or other control characters. */
    static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";
    static final String NO_CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";

    private Text() {
    }
}
