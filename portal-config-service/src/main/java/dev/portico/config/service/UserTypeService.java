package dev.portico.config.service;

import dev.portico.config.domain.CrmModule;
import dev.portico.config.domain.FieldDef;
import dev.portico.config.domain.Limits;
import dev.portico.config.domain.ModuleAccess;
import dev.portico.config.domain.Org;
import dev.portico.config.domain.OrgRepository;
import dev.portico.config.domain.Portal;
import dev.portico.config.domain.PortalRepository;
import dev.portico.config.domain.UserType;
import dev.portico.config.domain.UserTypeRepository;
import dev.portico.config.messaging.ConfigEventPublisher;
import dev.portico.events.ConfigEvent;
import dev.portico.kit.problem.FieldError;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class UserTypeService {

    @Inject
    UserTypeRepository userTypes;

    @Inject
    PortalRepository portals;

    @Inject
    OrgRepository orgs;

    @Inject
    ModuleCatalog catalog;

    @Inject
    MetadataLock metadataLock;

    @Inject
    EditionPolicy policy;

    @Inject
    ConfigEventPublisher events;

    @Inject
    UserTypeRetirement retirement;

    @Inject
    Clock clock;

    public Page<UserType> list(String orgId, UUID portalId, PageRequest page) {
        portals.ofOrg(orgId, portalId).orElseThrow(ConfigProblems::portalNotFound);
        return userTypes.page(orgId, portalId, page);
    }

    public UserType get(String orgId, UUID portalId, UUID id) {
        portals.ofOrg(orgId, portalId).orElseThrow(ConfigProblems::portalNotFound);
        return userTypes.ofPortal(orgId, portalId, id).orElseThrow(ConfigProblems::userTypeNotFound);
    }

    @Transactional
    public UserType create(String orgId, UUID portalId, String name, List<ModuleAccess> modules) {
        Instant now = Instant.now(clock);
        Portal portal = portals.lockOfOrg(orgId, portalId).orElseThrow(ConfigProblems::portalNotFound);
        Org org = orgs.findByIdOptional(orgId).orElseGet(() -> Org.unconfigured(orgId, now));
        Limits limits = policy.limits(org, now);
        if (limits.userTypesPerPortal() != null && userTypes.countOfPortal(portalId) >= limits.userTypesPerPortal()) {
            throw ProblemException.conflict("USER_TYPE_LIMIT_REACHED",
                    "A portal may have " + limits.userTypesPerPortal() + " user types on this edition.");
        }
        String cleanName = name.trim();
        refuseTakenName(portalId, cleanName, null);
        metadataLock.shared(orgId);
        validate(orgId, portal, modules, "modules");

        UserType type = new UserType();
        type.id = UUID.randomUUID();
        type.orgId = orgId;
        type.portalId = portalId;
        type.name = cleanName;
        type.modules = List.copyOf(modules);
        type.createdAt = now;
        type.updatedAt = now;
        userTypes.persist(type);
        userTypes.flush();
        events.userType(ConfigEvent.Type.USER_TYPE_CREATED, type, null);
        return type;
    }

    /** Renames a type or replaces its modules (null stays) under its portal's row lock; If-Match is checked there. */
    @Transactional
    public UserType update(String orgId, UUID portalId, UUID id, String name, List<ModuleAccess> modules,
            IfMatch ifMatch) {
        Portal portal = portals.lockOfOrg(orgId, portalId).orElseThrow(ConfigProblems::portalNotFound);
        UserType type = userTypes.ofPortal(orgId, portalId, id).orElseThrow(ConfigProblems::userTypeNotFound);
        ifMatch.check(type.version);
        if (name != null) {
            refuseTakenName(portalId, name.trim(), id);
            type.name = name.trim();
        }
        if (modules != null) {
            metadataLock.shared(orgId);
            validate(orgId, portal, modules, "modules");
            type.modules = List.copyOf(modules);
        }
        type.updatedAt = Instant.now(clock);
        userTypes.flush();
        events.userType(ConfigEvent.Type.USER_TYPE_UPDATED, type, null);
        return type;
    }

    /**
     * Deletes a user type. Its users move to {@code transferTo} (portal-user-service moves them when it retires the
     * type, see {@link UserTypeRetirement});
     * a type with users and no target, or the portal's last type, stays.
     */
    @Transactional
    public void delete(String orgId, UUID portalId, UUID id, UUID transferTo) {
        portals.lockOfOrg(orgId, portalId).orElseThrow(ConfigProblems::portalNotFound);
        UserType type = userTypes.ofPortal(orgId, portalId, id).orElseThrow(ConfigProblems::userTypeNotFound);
        if (userTypes.countOfPortal(portalId) <= 1) {
            throw ProblemException.conflict("LAST_USER_TYPE", "A portal keeps at least one user type.");
        }
        if (transferTo != null) {
            if (transferTo.equals(id)) {
                throw ProblemException.invalid("INVALID_TRANSFER", "transferTo", "must be another user type of the portal");
            }
            if (userTypes.ofPortal(orgId, portalId, transferTo).isEmpty()) {
                throw ProblemException.invalid("USER_TYPE_NOT_FOUND", "transferTo", "is not a user type of this portal");
            }
        } else if (type.userCount > 0) {
            throw ProblemException.conflict("USER_TYPE_IN_USE", "The user type has " + type.userCount
                    + " users; name another type in ?transferTo= to move them there first.");
        }
        // portal-user-service has the last word (this count follows its events) and moves the users to transferTo
        retirement.retire(portalId, id, transferTo);
        userTypes.delete(type);
        userTypes.flush();
        events.userType(ConfigEvent.Type.USER_TYPE_DELETED, type, transferTo);
    }

    private void refuseTakenName(UUID portalId, String name, UUID except) {
        if (userTypes.nameTaken(portalId, name, except)) {
            throw ProblemException.conflict("USER_TYPE_NAME_TAKEN", "The portal already has a user type named '" + name + "'.");
        }
    }

    /**
     * The rules of DESIGN §3 against the org's module metadata. Every violation is reported with its JSON
     * path; the problem's code is the first violation's.
     */
    void validate(String orgId, Portal portal, List<ModuleAccess> modules, String root) {
        List<FieldError> errors = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean hasOwnModule = false;
        for (int i = 0; i < modules.size(); i++) {
            ModuleAccess access = modules.get(i);
            String path = root + "[" + i + "]";
            if (!seen.add(access.module())) {
                add(errors, codes, "DUPLICATE_MODULE", path + ".module", "'" + access.module() + "' is listed twice");
                continue;
            }
            Optional<CrmModule> found = catalog.find(orgId, access.module());
            if (found.isEmpty()) {
                add(errors, codes, "MODULE_NOT_FOUND", path + ".module", "'" + access.module() + "' is not a module of this org");
                continue;
            }
            CrmModule module = found.get();
            if (module.name.equals(portal.module)) {
                hasOwnModule = true;
                if (access.relatedVia() != null) {
                    add(errors, codes, "RELATED_VIA_NOT_ALLOWED", path + ".relatedVia",
                            "the portal's own module is not reached through a lookup");
                }
            } else {
                checkRelation(portal, access, module, path, errors, codes);
            }
            ModuleAccess.Permissions p = access.permissions();
            if (!p.view() && (p.create() || p.edit() || p.delete())) {
                add(errors, codes, "INCONSISTENT_PERMISSIONS", path + ".permissions",
                        "create, edit and delete need view");
            }
            Set<String> fieldNames = new HashSet<>();
            for (int j = 0; j < access.fields().size(); j++) {
                ModuleAccess.FieldAccess field = access.fields().get(j);
                String fieldPath = path + ".fields[" + j + "]";
                if (module.field(field.name()).isEmpty()) {
                    add(errors, codes, "FIELD_NOT_FOUND", fieldPath + ".name",
                            "'" + field.name() + "' is not a field of " + module.name);
                } else if (!fieldNames.add(field.name())) {
                    add(errors, codes, "DUPLICATE_FIELD", fieldPath + ".name", "'" + field.name() + "' is listed twice");
                }
                if (field.access() == ModuleAccess.Access.WRITE && !(p.create() || p.edit())) {
                    add(errors, codes, "INCONSISTENT_FIELD_ACCESS", fieldPath + ".access",
                            "WRITE needs the create or edit permission");
                }
            }
        }
        if (!hasOwnModule) {
            add(errors, codes, "PORTAL_MODULE_REQUIRED", root,
                    "must include the portal's own module, " + portal.module);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(codes.get(0), "The user type does not fit the module metadata.", errors);
        }
    }

    private static void checkRelation(Portal portal, ModuleAccess access, CrmModule module, String path,
            List<FieldError> errors, List<String> codes) {
        if (access.relatedVia() == null) {
            add(errors, codes, "RELATED_VIA_REQUIRED", path + ".relatedVia",
                    module.name + " must name the LOOKUP or MULTI_LOOKUP field that points at " + portal.module);
            return;
        }
        Optional<FieldDef> via = module.field(access.relatedVia());
        String viaPath = path + ".relatedVia.field";
        if (via.isEmpty()) {
            add(errors, codes, "FIELD_NOT_FOUND", viaPath, "'" + access.relatedVia() + "' is not a field of " + module.name);
        } else if (!via.get().type().isLookup()) {
            add(errors, codes, "NOT_A_LOOKUP", viaPath, "'" + access.relatedVia() + "' is a " + via.get().type()
                    + " field, not a LOOKUP or MULTI_LOOKUP");
        } else if (!portal.module.equals(via.get().targetModule())) {
            add(errors, codes, "LOOKUP_TARGET_MISMATCH", viaPath, "'" + access.relatedVia() + "' points at "
                    + via.get().targetModule() + ", not at the portal's module " + portal.module);
        }
    }

    private static void add(List<FieldError> errors, List<String> codes, String code, String field, String message) {
        errors.add(new FieldError(field, message, code));
        codes.add(code);
    }
}
