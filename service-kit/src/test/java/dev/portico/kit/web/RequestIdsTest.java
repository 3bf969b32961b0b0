package dev.portico.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void newIdsAreVersion4UuidsAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.create();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void saneOfferedIdsAreKeptAndOthersReplaced() {
        assertThat(RequestIds.acceptOrCreate("rid-forward:1.2")).isEqualTo("rid-forward:1.2");
        assertThat(RequestIds.acceptOrCreate("bad id\r\nX-Injected: 1")).isNotEqualTo("bad id\r\nX-Injected: 1")
                .matches("[0-9a-f-]{36}");
        assertThat(RequestIds.acceptOrCreate("x".repeat(129))).hasSize(36);
        assertThat(RequestIds.acceptOrCreate(null)).hasSize(36);
    }
}
