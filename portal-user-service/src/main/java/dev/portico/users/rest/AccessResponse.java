package dev.portico.users.rest;

import dev.portico.events.ConfigEvent;
import dev.portico.users.service.PortalAccess;
import java.util.List;
import java.util.Map;

/** The records of a module a portal user may see, with only the permitted fields. */
public record AccessResponse(String module, ConfigEvent.Permissions permissions, List<Item> items) {

    public record Item(String recordId, Map<String, Object> fields) {
    }

    static AccessResponse from(PortalAccess.Visible visible) {
        return new AccessResponse(visible.module(), visible.permissions(),
                visible.items().stream().map(i -> new Item(i.recordId(), i.fields())).toList());
    }
}
