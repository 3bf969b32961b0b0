package dev.portico.kit.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the org and scopes of the verified token. The only source of the tenant. */
@RequestScoped
public class Tenant {

    @Inject
    JsonWebToken jwt;

    /** The caller's org; {@link ScopeFilter} has already refused tokens without one. */
    public String orgId() {
        return TokenRules.org(jwt);
    }

    /** The token's subject, for audit fields such as {@code createdBy}. */
    public String subject() {
        return jwt.getSubject();
    }

    public Set<String> scopes() {
        return jwt.getGroups();
    }

    public boolean hasScope(String scope) {
        return scopes().contains(scope);
    }
}
