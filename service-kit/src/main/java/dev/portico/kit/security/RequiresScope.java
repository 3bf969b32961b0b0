package dev.portico.kit.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The token must carry at least one of these scopes (403 {@code MISSING_SCOPE} otherwise). On a method
 * it replaces the class's. Every endpoint needs a valid token with an {@code org} claim unless it is
 * {@link PublicEndpoint}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {
    String[] value();
}
