package dev.portico.config.service;

import dev.portico.config.domain.CrmModule;
import dev.portico.config.domain.CrmModuleRepository;
import dev.portico.config.domain.FieldDef;
import dev.portico.config.domain.FieldType;
import dev.portico.config.domain.ModuleAccess;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** Adds a module or replaces its fields, refusing changes that would break a user type that uses it. */
    @Transactional
    public CrmModule put(String orgId, String name, String nameField, String emailField, List<FieldDef> fields) {
        if (!MODULE_NAME.matcher(name).matches()) {
            throw ProblemException.invalid("INVALID_MODULE_NAME", "module",
                    "must start with a letter and hold at most 50 letters, digits and '_'");
        }
        List<FieldError> errors = new ArrayList<>();
        validateFields(orgId, name, nameField, emailField, fields, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.get(0).code(), "The module definition is not valid.", errors);
        }
        refuseBreakingChanges(orgId, name, fields);

        Optional<CrmModule> existing = modules.find(orgId, name);
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

    /** User types keep working after the change: every field they show or relate through still exists. */
    private void refuseBreakingChanges(String orgId, String name, List<FieldDef> fields) {
        Map<String, FieldDef> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        List<FieldError> errors = new ArrayList<>();
        for (UserType type : userTypes.allOfOrg(orgId)) {
            for (ModuleAccess access : type.modules) {
                if (!access.module().equals(name)) {
                    continue;
                }
                if (access.relatedVia() != null) {
                    FieldDef via = byName.get(access.relatedVia());
                    if (via == null || !via.type().isLookup()) {
                        errors.add(new FieldError("fields", "'" + access.relatedVia() + "' relates user type '"
                                + type.name + "' to the portal and must stay a lookup", "FIELD_IN_USE"));
                    }
                }
                for (ModuleAccess.FieldAccess field : access.fields()) {
                    if (!byName.containsKey(field.name())) {
                        errors.add(new FieldError("fields", "'" + field.name() + "' is shown to user type '" + type.name + "'",
                                "FIELD_IN_USE"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(409, "FIELD_IN_USE",
                    "The change removes fields that user types use; change those user types first.", errors);
        }
    }
}
