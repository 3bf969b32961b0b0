package dev.portico.invitations.service;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * E-mail address checks: syntax (dot-atom local part, host name domain) and length (64 for the local part,
 * 253 for the domain, 254 in all). Internationalized domains are accepted and compared in their ASCII
 * (punycode) form.
 */
public final class EmailAddresses {

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private EmailAddresses() {
    }

    /** Why {@code email} is not a valid address, or empty when it is. */
    public static Optional<String> problem(String email) {
        String value = email.trim();
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            return Optional.of("it needs a name, an @ and a domain");
        }
        String local = value.substring(0, at);
        if (local.length() > 64) {
            return Optional.of("the part before the @ is longer than 64 characters");
        }
        if (!LOCAL.matcher(local).matches()) {
            return Optional.of("the part before the @ contains characters or dots that are not allowed");
        }
        Optional<String> domain = asciiDomain(value.substring(at + 1));
        if (domain.isEmpty()) {
            return Optional.of("the domain is not a valid host name");
        }
        if (domain.get().length() > 253 || local.length() + 1 + domain.get().length() > 254) {
            return Optional.of("the address is longer than 254 characters");
        }
        return Optional.empty();
    }

    /** The address's domain in lower-case ASCII form (punycode for internationalized names). */
    public static String domain(String email) {
        String value = email.trim();
        return asciiDomain(value.substring(value.lastIndexOf('@') + 1)).orElse("");
    }

    /** A domain name in lower-case ASCII form, when it is a valid host name with at least two labels. */
    public static Optional<String> asciiDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain.trim(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(ascii);
    }
}
