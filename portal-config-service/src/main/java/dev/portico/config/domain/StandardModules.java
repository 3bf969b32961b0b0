package dev.portico.config.domain;

import static dev.portico.config.domain.FieldDef.lookup;
import static dev.portico.config.domain.FieldDef.multiLookup;
import static dev.portico.config.domain.FieldDef.of;
import static dev.portico.config.domain.FieldType.CURRENCY;
import static dev.portico.config.domain.FieldType.DATE;
import static dev.portico.config.domain.FieldType.EMAIL;
import static dev.portico.config.domain.FieldType.PHONE;
import static dev.portico.config.domain.FieldType.PICKLIST;
import static dev.portico.config.domain.FieldType.TEXT;
import static dev.portico.config.domain.FieldType.TEXTAREA;
import static dev.portico.config.domain.FieldType.URL;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The modules every org has until it replaces them: Contacts, Accounts, Deals and Cases with their usual fields. */
public final class StandardModules {

    private static final List<Definition> DEFINITIONS = List.of(
            new Definition("Contacts", "Full_Name", "Email", List.of(
                    of("First_Name", TEXT), of("Last_Name", TEXT), of("Full_Name", TEXT), of("Email", EMAIL),
                    of("Phone", PHONE), of("Mobile", PHONE), of("Title", TEXT), of("Country", TEXT),
                    of("City", TEXT), of("Language", PICKLIST), of("Subscription", PICKLIST),
                    lookup("Account_Name", "Accounts"))),
            new Definition("Accounts", "Account_Name", null, List.of(
                    of("Account_Name", TEXT), of("Website", URL), of("Phone", PHONE), of("Industry", PICKLIST),
                    of("Billing_Country", TEXT), lookup("Primary_Contact", "Contacts"))),
            new Definition("Deals", "Deal_Name", null, List.of(
                    of("Deal_Name", TEXT), of("Amount", CURRENCY), of("Stage", PICKLIST), of("Closing_Date", DATE),
                    lookup("Account_Name", "Accounts"), lookup("Contact_Name", "Contacts"),
                    multiLookup("Stakeholders", "Contacts"))),
            new Definition("Cases", "Subject", "Email", List.of(
                    of("Subject", TEXT), of("Status", PICKLIST), of("Priority", PICKLIST),
                    of("Description", TEXTAREA), of("Email", EMAIL), lookup("Contact_Name", "Contacts"),
                    lookup("Account_Name", "Accounts"), multiLookup("Related_Contacts", "Contacts"))));

    private static final Map<String, Definition> BY_NAME = DEFINITIONS.stream()
            .collect(Collectors.toMap(Definition::name, Function.identity()));

    private StandardModules() {
    }

    public static boolean isStandard(String name) {
        return BY_NAME.containsKey(name);
    }

    public static List<String> names() {
        return DEFINITIONS.stream().map(Definition::name).toList();
    }

    /** A fresh (unsaved) module of the org built from the standard definition, or null. */
    public static CrmModule forOrg(String orgId, String name) {
        Definition definition = BY_NAME.get(name);
        if (definition == null) {
            return null;
        }
        CrmModule module = new CrmModule();
        module.orgId = orgId;
        module.name = definition.name();
        module.nameField = definition.nameField();
        module.emailField = definition.emailField();
        module.fields = definition.fields();
        module.updatedAt = Instant.EPOCH;
        module.stored = false;
        return module;
    }

    private record Definition(String name, String nameField, String emailField, List<FieldDef> fields) {
    }
}
