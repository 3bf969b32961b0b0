package dev.portico.config.service;

import dev.portico.config.domain.CrmModule;
import dev.portico.config.domain.CrmModuleRepository;
import dev.portico.config.domain.FieldDef;
import dev.portico.config.domain.FieldType;
import dev.portico.config.domain.ModuleAccess;
import dev.portico.config.domain.PortalRepository;
import dev.portico.config.domain.StandardModules;
import dev.portico.config.domain.UserType;
import dev.portico.config.domain.UserTypeRepository;
import dev.portico.config.messaging.ConfigEventPublisher;
import dev.portico.kit.problem.FieldError;
import dev.portico.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/** The modules of an org: the standard ones, overridden or extended by what the org defined. */
@ApplicationScoped
public class ModuleCatalog {

    private static final Pattern MODULE_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,49}$");

    @Inject
    CrmModuleRepository modules;

    @Inject
    UserTypeRepository userTypes;

    @Inject
    PortalRepository portals;

    @Inject
    MetadataLock metadataLock;

    @Inject
    ConfigEventPublisher events;

    @Inject
    Clock clock;

    public List<CrmModule> all(String orgId) {
        Map<String, CrmModule> byName = new LinkedHashMap<>();
        for (String name : StandardModules.names()) {
            byName.put(name, StandardModules.forOrg(orgId, name));
        }
        for (CrmModule own : modules.ofOrg(orgId)) {
            byName.put(own.name, own);
        }
        return List.copyOf(byName.values());
    }

    public Optional<CrmModule> find(String orgId, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return modules.find(orgId, name).or(() -> Optional.ofNullable(StandardModules.forOrg(orgId, name)));
    }

    public CrmModule get(String orgId, String name) {
        return find(orgId, name).orElseThrow(() -> ConfigProblems.moduleNotFound(name));
    }

    /**
     * Adds a module or replaces its fields, refusing changes that would break a user type that uses it.
     * Holds the org's metadata lock, so concurrent puts of one module run one after the other (each an
     * upsert that succeeds) and no user type starts relying on a field while it is being removed.
     */
    @Transactional
    public CrmModule put(String orgId, String name, String nameField, String emailField, List<FieldDef> fields,
            IfMatch ifMatch) {
        if (!MODULE_NAME.matcher(name).matches()) {
            throw ProblemException.invalid("INVALID_MODULE_NAME", "module",
                    "must start with a letter and hold at most 50 letters, digits and '_'");
        }
        metadataLock.exclusive(orgId);
        Optional<CrmModule> existing = modules.find(orgId, name);
        ifMatch.check(existing.map(CrmModule::revision).orElse(0L));
        List<FieldError> errors = new ArrayList<>();
        validateFields(orgId, name, nameField, emailField, fields, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.get(0).code(), "The module definition is not valid.", errors);
        }
        refuseBreakingChanges(orgId, name, fields);

        CrmModule module = existing.orElseGet(CrmModule::new);
        module.orgId = orgId;
        module.name = name;
        module.nameField = nameField;
        module.emailField = emailField;
        module.fields = List.copyOf(fields);
        module.updatedAt = Instant.now(clock);
        if (existing.isEmpty()) {
            modules.persist(module);
        }
        modules.flush();
        events.moduleUpdated(module);
        return module;
    }

    private void validateFields(String orgId, String name, String nameField, String emailField,
            List<FieldDef> fields, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldDef field = fields.get(i);
            String path = "fields[" + i + "]";
            if (!seen.add(field.name())) {
                errors.add(new FieldError(path + ".name", "'" + field.name() + "' is listed twice", "DUPLICATE_FIELD"));
            }
            if (field.type().isLookup()) {
                boolean known = field.targetModule() != null
                        && (field.targetModule().equals(name) || find(orgId, field.targetModule()).isPresent());
                if (!known) {
                    errors.add(new FieldError(path + ".targetModule",
                            "a " + field.type() + " field needs the name of an existing module", "TARGET_MODULE_NOT_FOUND"));
                }
            } else if (field.targetModule() != null) {
                errors.add(new FieldError(path + ".targetModule",
                        "only LOOKUP and MULTI_LOOKUP fields have a target module", "TARGET_MODULE_NOT_ALLOWED"));
            }
        }
        if (nameField != null && fields.stream().noneMatch(f -> f.name().equals(nameField))) {
            errors.add(new FieldError("nameField", "'" + nameField + "' is not one of the module's fields",
                    "FIELD_NOT_FOUND"));
        }
        if (emailField != null && fields.stream().noneMatch(f -> f.name().equals(emailField) && f.type() == FieldType.EMAIL)) {
            errors.add(new FieldError("emailField", "'" + emailField + "' is not an EMAIL field of the module",
                    "NOT_AN_EMAIL_FIELD"));
        }
    }

    /**
     * User types keep working after the change: every field they show still exists, and every field they
     * relate through is still a LOOKUP or MULTI_LOOKUP pointing at their portal's module. Otherwise 409
     * FIELD_IN_USE naming the user types that depend on the field.
     */
    private void refuseBreakingChanges(String orgId, String name, List<FieldDef> fields) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            index.putIfAbsent(fields.get(i).name(), i);
        }
        Map<UUID, String> portalModules = new HashMap<>();
        portals.allOfOrg(orgId).forEach(p -> portalModules.put(p.id, p.module));
        List<FieldError> errors = new ArrayList<>();
        Set<String> dependents = new TreeSet<>();
        for (UserType type : userTypes.allOfOrg(orgId)) {
            String portalModule = portalModules.get(type.portalId);
            for (ModuleAccess access : type.modules) {
                if (!access.module().equals(name)) {
                    continue;
                }
                int before = errors.size();
                String who = "user type '" + type.name + "'";
                if (access.relatedVia() != null) {
                    String via = access.relatedVia();
                    Integer at = index.get(via);
                    if (at == null) {
                        errors.add(inUse("fields", "'" + via + "' relates " + who + " to its portal and cannot be removed"));
                    } else if (!fields.get(at).type().isLookup()) {
                        errors.add(inUse("fields[" + at + "].type", "'" + via + "' relates " + who
                                + " to its portal and must stay a LOOKUP or MULTI_LOOKUP"));
                    } else if (portalModule != null && !portalModule.equals(fields.get(at).targetModule())) {
                        errors.add(inUse("fields[" + at + "].targetModule", "'" + via + "' relates " + who
                                + " to its portal and must keep pointing at " + portalModule));
                    }
                }
                for (ModuleAccess.FieldAccess field : access.fields()) {
                    if (!index.containsKey(field.name())) {
                        errors.add(inUse("fields", "'" + field.name() + "' is shown to " + who + " and cannot be removed"));
                    }
                }
                if (errors.size() > before) {
                    dependents.add("'" + type.name + "'");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(409, "FIELD_IN_USE", "The change breaks user types " + String.join(", ", dependents)
                    + "; change those user types first.", errors);
        }
    }

    private static FieldError inUse(String field, String message) {
        return new FieldError(field, message, "FIELD_IN_USE");
    }
}
