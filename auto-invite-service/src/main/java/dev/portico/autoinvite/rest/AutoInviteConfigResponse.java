package dev.portico.autoinvite.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.portico.autoinvite.domain.AutoInviteConfig;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record AutoInviteConfigResponse(
        UUID id,
        UUID portalId,
        UUID userTypeId,
        String name,
        boolean enabled,
        List<String> triggers,
        @JsonRawValue String commonCondition,
        String languageMode,
        @JsonRawValue String rules,
        Instant createdAt,
        Instant updatedAt) {

    public static AutoInviteConfigResponse from(AutoInviteConfig c) {
        return new AutoInviteConfigResponse(c.id, c.portalId, c.userTypeId, c.name, c.enabled, List.of(c.triggers),
                c.commonCondition, c.languageMode, c.rules, c.createdAt, c.updatedAt);
    }
}
