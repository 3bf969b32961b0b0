package dev.portico.config.rest;

import dev.portico.config.domain.CrmModule;
import dev.portico.config.domain.FieldDef;
import dev.portico.config.domain.StandardModules;
import java.util.List;

public record ModuleResponse(String name, boolean standard, String nameField, String emailField, List<FieldDef> fields) {

    public static ModuleResponse from(CrmModule m) {
        return new ModuleResponse(m.name, StandardModules.isStandard(m.name), m.nameField, m.emailField, m.fields);
    }
}
