package dev.portico.kit.security;

/** The scopes of DESIGN §4, as they appear in the token's space-separated {@code scope} claim. */
public final class Scopes {

    public static final String ORG_ADMIN = "org.admin";
    public static final String PORTAL_CONFIG = "portal.config";
    public static final String PORTAL_USERS = "portal.users";
    public static final String CRM_EVENTS = "crm.events";

    /** Claim names. */
    public static final String ORG_CLAIM = "org";
    public static final String SCOPE_CLAIM = "scope";

    private Scopes() {
    }
}
