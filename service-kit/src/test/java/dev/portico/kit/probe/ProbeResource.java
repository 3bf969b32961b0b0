package dev.portico.kit.probe;

import dev.portico.events.ConfigEvent;
import dev.portico.kit.outbox.Outbox;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.security.PublicEndpoint;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Tenant;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Endpoints that exercise the kit in its tests; not part of any service. */
@Path("/probe")
@RequiresScope("portal.config")
public class ProbeResource {

    @Inject
    Tenant tenant;

    @Inject
    Outbox outbox;

    public record Item(@NotBlank String name, @Min(1) @Max(10) int count) {
    }

    public record Order(@NotBlank String customer, @NotEmpty List<@Valid @NotNull Item> items) {
    }

    @GET
    @Path("/whoami")
    public Map<String, Object> whoami() {
        return Map.of("org", tenant.orgId(), "scopes", tenant.scopes());
    }

    @GET
    @Path("/users-only")
    @RequiresScope({"portal.users", "org.admin"})
    public Map<String, String> usersOnly() {
        return Map.of("org", tenant.orgId());
    }

    @GET
    @Path("/public")
    @PublicEndpoint
    public Map<String, String> open() {
        return Map.of("open", "yes");
    }

    @POST
    @Path("/orders")
    @Consumes(MediaType.APPLICATION_JSON)
    public Order order(@Valid @NotNull Order order) {
        return order;
    }

    @GET
    @Path("/pages")
    public Page<String> pages(@BeanParam @Valid PageRequest page) {
        return new Page<>(List.of(), page.page, page.size, 0);
    }

    @GET
    @Path("/conflict/{slug}")
    public void conflict(@PathParam("slug") String slug) {
        throw ProblemException.conflict("SLUG_TAKEN", "The slug '" + slug + "' is taken.");
    }

    @GET
    @Path("/boom")
    public void boom() {
        throw new IllegalStateException("secret internal detail");
    }

    @POST
    @Path("/events")
    @Transactional
    public Map<String, String> publish() {
        UUID id = UUID.randomUUID();
        outbox.publish(new ConfigEvent(id, ConfigEvent.Type.ORG_UPDATED, tenant.orgId(), Instant.now(), null, null,
                null, null, null));
        return Map.of("eventId", id.toString());
    }
}
