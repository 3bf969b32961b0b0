package dev.portico.users.service;

import dev.portico.events.ConfigEvent;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.web.PageRequest;
import dev.portico.users.domain.CrmRecord;
import dev.portico.users.domain.PortalUser;
import dev.portico.users.domain.RecordDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a portal user may see of a module (DESIGN §3): its own record for the portal's module; for a related
 * module the records whose {@code relatedVia} lookup points at the user's record or whose multi-lookup contains
 * it (one record shared by several users); only the fields the user type lists.
 */
@ApplicationScoped
public class PortalAccess {

    @Inject
    PortalUserService users;

    @Inject
    Portals portals;

    @Inject
    RecordDirectory records;

    public record Visible(String module, ConfigEvent.Permissions permissions, List<Item> items) {
    }

    public record Item(String recordId, Map<String, Object> fields) {
    }

    @Transactional
    public Visible of(String orgId, UUID portalId, UUID userId, String module, PageRequest page) {
        ConfigEvent.Portal portal = portals.require(orgId, portalId);
        PortalUser user = users.get(orgId, portalId, userId);
        if (!user.active()) {
            throw new ProblemException(403, UserProblems.USER_DEACTIVATED, "A deactivated user sees nothing.");
        }
        ConfigEvent.UserType type = portals.userType(orgId, portalId, user.userTypeId())
                .orElseThrow(() -> new ProblemException(403, UserProblems.MODULE_NOT_ACCESSIBLE,
                        "The user's type no longer exists."));
        ConfigEvent.ModuleAccess access = type.modules() == null ? null : type.modules().stream()
                .filter(m -> m.module().equals(module)).findFirst().orElse(null);
        if (access == null || access.permissions() == null || !access.permissions().view()) {
            throw new ProblemException(403, UserProblems.MODULE_NOT_ACCESSIBLE,
                    "The user type '" + type.name() + "' does not show the module " + module + ".");
        }
        List<CrmRecord> visible;
        if (module.equals(portal.module())) {
            visible = page.page == 0 ? records.find(orgId, module, List.of(user.recordId())).values().stream().toList()
                    : List.of();
        } else if (access.relatedVia() == null) {
            visible = List.of();
        } else {
            visible = records.relatedTo(orgId, module, access.relatedVia(), user.recordId(), page.size, page.offset());
        }
        List<Item> items = visible.stream().map(r -> new Item(r.recordId(), permitted(r.fields(), access))).toList();
        return new Visible(module, access.permissions(), items);
    }

    private static Map<String, Object> permitted(Map<String, Object> fields, ConfigEvent.ModuleAccess access) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (access.fields() == null) {
            return out;
        }
        for (ConfigEvent.FieldAccess field : access.fields()) {
            if (fields.containsKey(field.name())) {
                out.put(field.name(), fields.get(field.name()));
            }
        }
        return out;
    }
}
