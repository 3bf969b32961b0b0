package dev.portico.kit.web;

/** What counts as a control character in text input: C0 except tab, line feed and carriage return, and DEL. */
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
            if (isControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
