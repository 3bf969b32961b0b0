package dev.portico.config.domain;

public enum FieldType {
    TEXT, TEXTAREA, EMAIL, PHONE, NUMBER, DECIMAL, CURRENCY, BOOLEAN, DATE, DATETIME, PICKLIST, MULTI_PICKLIST, URL,
    LOOKUP, MULTI_LOOKUP;

    public boolean isLookup() {
        return this == LOOKUP || this == MULTI_LOOKUP;
    }
}
