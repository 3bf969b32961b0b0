package dev.portico.users.domain;

import dev.portico.events.ConfigEvent;
import java.util.Map;

/**
 * Which fields of a module hold a record's name and e-mail. From the org's module metadata when it changed
 * them (config events), otherwise the standard modules' defaults.
 */
public record ModuleFields(String nameField, String emailField) {

    private static final Map<String, ModuleFields> STANDARD = Map.of(
            "Contacts", new ModuleFields("Full_Name", "Email"),
            "Accounts", new ModuleFields("Account_Name", null),
            "Deals", new ModuleFields("Deal_Name", null),
            "Cases", new ModuleFields("Subject", "Email"));

    public static ModuleFields of(String module, ConfigEvent.Module metadata) {
        if (metadata != null) {
            return new ModuleFields(metadata.nameField(), metadata.emailField());
        }
        return STANDARD.getOrDefault(module, new ModuleFields(null, null));
    }

    public String name(Map<String, Object> fields) {
        String name = text(fields, nameField);
        if (name == null) {
            String first = text(fields, "First_Name");
            String last = text(fields, "Last_Name");
            if (first != null || last != null) {
                name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
            }
        }
        return name;
    }

    public String email(Map<String, Object> fields) {
        String email = text(fields, emailField);
        return email == null ? null : email.trim();
    }

    static String text(Map<String, Object> fields, String field) {
        if (fields == null || field == null) {
            return null;
        }
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
