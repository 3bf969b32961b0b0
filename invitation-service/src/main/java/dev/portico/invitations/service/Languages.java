package dev.portico.invitations.service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages invitations are written in, and how a language as a CRM or client states it maps onto
 * them: BCP 47 tags ({@code pt-BR} → pt, {@code fr_CA} → fr) and language names in English or in the
 * language itself ({@code French}, {@code Français}, {@code Deutsch}, {@code 日本語} …).
 */
public final class Languages {

    public static final String DEFAULT = "en";
    public static final List<String> SUPPORTED = List.of("en", "fr", "de", "es", "it", "pt", "nl", "ja");

    private Languages() {
    }

    /** The supported language {@code value} names, if any. */
    public static Optional<String> normalize(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        String tag = Locale.forLanguageTag(trimmed.replace('_', '-')).getLanguage();
        if (SUPPORTED.contains(tag)) {
            return Optional.of(tag);
        }
        for (String code : SUPPORTED) {
            Locale locale = Locale.forLanguageTag(code);
            if (trimmed.equalsIgnoreCase(locale.getDisplayLanguage(Locale.ENGLISH))
                    || trimmed.equalsIgnoreCase(locale.getDisplayLanguage(locale))) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }

    /** The first of the candidates (requested, record's, org default) that is supported; otherwise English. */
    public static String resolve(String... candidates) {
        for (String candidate : candidates) {
            Optional<String> language = normalize(candidate);
            if (language.isPresent()) {
                return language.get();
            }
        }
        return DEFAULT;
    }
}
