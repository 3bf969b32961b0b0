package dev.portico.autoinvite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.autoinvite.condition.Facts;
import dev.portico.autoinvite.domain.AutoInviteConfig;
import dev.portico.autoinvite.service.CompiledConfig;
import dev.portico.autoinvite.service.CompiledConfigs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Conditions are compiled once per configuration change, not per event. */
@QuarkusTest
class CompiledConfigsTest {

    @Inject
    CompiledConfigs compiled;

    @Test
    void compilesOncePerIdAndUpdatedAt() {
        AutoInviteConfig config = new AutoInviteConfig();
        config.id = UUID.randomUUID();
        config.triggers = new String[] {"CREATE"};
        config.fieldTypes = "{\"Country\": \"TEXT\"}";
        config.rules = "[{\"language\": \"fr\", \"condition\": {\"field\": \"Country\", \"op\": \"eq\", \"value\": \"France\"}}]";
        config.updatedAt = Instant.parse("2026-01-01T00:00:00Z");

        CompiledConfig first = compiled.of(config);
        assertThat(compiled.of(config)).isSameAs(first);
        assertThat(first.language(new Facts(Map.of("Country", "FRANCE"), Set.of()))).isEqualTo("fr");

        config.rules = config.rules.replace("France", "Spain").replace("fr", "es");
        assertThat(compiled.of(config)).as("same updatedAt: the cached tree").isSameAs(first);
        config.updatedAt = config.updatedAt.plusMillis(1);
        CompiledConfig edited = compiled.of(config);
        assertThat(edited).isNotSameAs(first);
        assertThat(edited.language(new Facts(Map.of("Country", "Spain"), Set.of()))).isEqualTo("es");
        assertThat(edited.language(new Facts(Map.of("Country", "France"), Set.of()))).isNull();
    }
}
