package dev.portico.invitations.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void tagsAndNamesMapToSupportedLanguages() {
        assertThat(Languages.normalize("pt-BR")).contains("pt");
        assertThat(Languages.normalize("fr_CA")).contains("fr");
        assertThat(Languages.normalize("French")).contains("fr");
        assertThat(Languages.normalize("deutsch")).contains("de");
        assertThat(Languages.normalize("日本語")).contains("ja");
        assertThat(Languages.normalize("sv")).isEmpty();
        assertThat(Languages.normalize("Klingon")).isEmpty();
    }

    @Test
    void fallbackGoesRequestedThenRecordThenOrgThenEnglish() {
        assertThat(Languages.resolve("it", "fr", "de")).isEqualTo("it");
        assertThat(Languages.resolve(null, "Dutch", "de")).isEqualTo("nl");
        assertThat(Languages.resolve("sv", null, "es-MX")).isEqualTo("es");
        assertThat(Languages.resolve("sv", "", null)).isEqualTo("en");
    }
}
