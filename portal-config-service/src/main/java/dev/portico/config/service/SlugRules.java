package dev.portico.config.service;

import dev.portico.kit.problem.ProblemException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Portal slugs are DNS labels (3–63 of a–z, 0–9, '-', no '-' at either end) and not a reserved word. */
final class SlugRules {

    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$");
    static final Set<String> RESERVED = Set.of("www", "api", "app", "apps", "admin", "administrator", "auth", "oauth",
            "sso", "login", "logout", "signin", "signup", "register", "account", "accounts", "mail", "email", "smtp",
            "imap", "pop", "ftp", "cdn", "static", "assets", "media", "help", "support", "status", "docs", "blog",
            "dashboard", "console", "portal", "portals", "portico", "system", "root", "default", "localhost", "test",
            "staging", "dev", "internal", "billing", "security", "abuse", "postmaster", "webmaster", "hostmaster");

    private SlugRules() {
    }

    /** The slug, lower-cased, or a 422 naming {@code field}. */
    static String check(String slug, String field) {
        String candidate = slug == null ? "" : slug.trim().toLowerCase(Locale.ROOT);
        if (!DNS_LABEL.matcher(candidate).matches()) {
            throw ProblemException.invalid("INVALID_SLUG", field,
                    "must be 3 to 63 characters of a-z, 0-9 and '-', not starting or ending with '-'");
        }
        if (RESERVED.contains(candidate)) {
            throw ProblemException.invalid("SLUG_RESERVED", field, "'" + candidate + "' is reserved");
        }
        return candidate;
    }

    /** A slug made from free text (an org's name), for the system portal; may still be taken. */
    static String derive(String text) {
        String base = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (base.length() > 48) {
            base = base.substring(0, 48).replaceAll("-+$", "");
        }
        if (base.length() < 3 || RESERVED.contains(base)) {
            base = (base.isEmpty() ? "org" : base) + "-portal";
        }
        return base;
    }
}
