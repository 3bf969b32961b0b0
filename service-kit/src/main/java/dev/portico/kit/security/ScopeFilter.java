package dev.portico.kit.security;

import dev.portico.kit.problem.ProblemCodes;
import dev.portico.kit.problem.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Deny by default: every matched endpoint needs a valid token that keeps the {@link TokenRules}, and the scopes of
 * its {@link RequiresScope}, unless it is a {@link PublicEndpoint}. Answers 401/403 problem+json that say
 * what is missing. The tenant is only ever read from the token ({@link Tenant}).
 */
public class ScopeFilter {

    private static final Rule PUBLIC = new Rule(true, Set.of());

    private final Map<Method, Rule> rules = new ConcurrentHashMap<>();

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    TokenRules tokenRules;

    @ServerRequestFilter(priority = 100)
    public Uni<Response> check(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Uni.createFrom().nullItem();
        }
        Rule rule = rules.computeIfAbsent(method, m -> ruleOf(m, resource.getResourceClass()));
        if (rule.open()) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> decide(rule, identity))
                .onFailure(AuthenticationFailedException.class).recoverWithItem(e -> ProblemMappers.respond(401,
                        ProblemCodes.INVALID_TOKEN,
                        "The bearer token is invalid, expired or not from a trusted issuer.", null, null));
    }

    private Response decide(Rule rule, SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return ProblemMappers.respond(401, ProblemCodes.UNAUTHENTICATED, "A bearer token is required.", null, null);
        }
        String refusal = tokenRules.refusal(jwt);
        if (refusal != null) {
            return ProblemMappers.respond(401, ProblemCodes.INVALID_TOKEN, refusal, null, null);
        }
        if (!rule.scopes().isEmpty() && rule.scopes().stream().noneMatch(identity.getRoles()::contains)) {
            return ProblemMappers.respond(403, ProblemCodes.MISSING_SCOPE,
                    "This operation needs the scope " + String.join(" or ", rule.scopes().stream().sorted().toList())
                            + ".", null, null);
        }
        return null;
    }

    private static Rule ruleOf(Method method, Class<?> type) {
        if (method.isAnnotationPresent(PublicEndpoint.class) || type.isAnnotationPresent(PublicEndpoint.class)) {
            return PUBLIC;
        }
        RequiresScope scope = method.getAnnotation(RequiresScope.class);
        if (scope == null) {
            scope = type.getAnnotation(RequiresScope.class);
        }
        return new Rule(false, scope == null ? Set.of() : Set.of(scope.value()));
    }

    private record Rule(boolean open, Set<String> scopes) {
    }
}
