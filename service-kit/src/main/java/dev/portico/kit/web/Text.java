package dev.portico.kit.web;

/**
 * What text input may not hold: control characters (C0 except tab, line feed and carriage return, and DEL) and
 * unpaired UTF-16 surrogates (a JSON {@code "\\ud800"} alone), which no UTF-8 text can carry: stored or sent on,
 * they silently become {@code ?}.
 */
public final class Text {

    private Text() {
    }

    public static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
    }

    public static boolean hasControlCharacters(CharSequence value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c) || Character.isLowSurrogate(c)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }
}
