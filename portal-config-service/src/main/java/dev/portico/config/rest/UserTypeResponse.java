package dev.portico.config.rest;

import dev.portico.config.domain.ModuleAccess;
import dev.portico.config.domain.UserType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record UserTypeResponse(
        UUID id,
        UUID portalId,
        String name,
        List<ModuleAccessResponse> modules,
        long userCount,
        Instant createdAt,
        Instant updatedAt) {

    public record ModuleAccessResponse(String module, ModuleAccess.Permissions permissions, RelatedVia relatedVia,
            List<ModuleAccess.FieldAccess> fields) {
    }

    public record RelatedVia(String field) {
    }

    public static UserTypeResponse from(UserType t) {
        return new UserTypeResponse(t.id, t.portalId, t.name, t.modules.stream()
                .map(m -> new ModuleAccessResponse(m.module(), m.permissions(),
                        m.relatedVia() == null ? null : new RelatedVia(m.relatedVia()), m.fields()))
                .toList(), t.userCount, t.createdAt, t.updatedAt);
    }
}
