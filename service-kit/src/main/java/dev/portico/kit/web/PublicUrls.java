package dev.portico.kit.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Absolute URLs a service hands out ({@code Location}) start with the configured public base URL
 * ({@code portico.public-base-url}, the gateway's address), never with a host a client named in {@code Host}
 * or {@code X-Forwarded-Host}: the path and query of the link stay, its scheme and authority are replaced.
 */
public class PublicUrls {

    private final String base;

    public PublicUrls(@ConfigProperty(name = "portico.public-base-url") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @ServerResponseFilter
    public void location(ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location == null) {
            return;
        }
        URI uri = location instanceof URI given ? given : URI.create(location.toString());
        if (uri.getRawPath() == null) {
            return;
        }
        response.getHeaders().putSingle(HttpHeaders.LOCATION, URI.create(base + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
    }
}
