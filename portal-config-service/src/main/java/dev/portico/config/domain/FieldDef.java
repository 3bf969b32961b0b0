package dev.portico.config.domain;

/** A field of a CRM module; {@code targetModule} is set for LOOKUP and MULTI_LOOKUP fields only. */
public record FieldDef(String name, FieldType type, String targetModule) {

    public static FieldDef of(String name, FieldType type) {
        return new FieldDef(name, type, null);
    }

    public static FieldDef lookup(String name, String target) {
        return new FieldDef(name, FieldType.LOOKUP, target);
    }

    public static FieldDef multiLookup(String name, String target) {
        return new FieldDef(name, FieldType.MULTI_LOOKUP, target);
    }
}
