package dev.portico.kit.probe;

import dev.portico.events.ConfigEvent;
import dev.portico.kit.outbox.Outbox;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.security.PublicEndpoint;
import dev.portico.kit.security.RequiresScope;
import dev.portico.kit.security.Tenant;
import dev.portico.kit.web.Page;
import dev.portico.kit.web.PageRequest;
import io.vertx.core.http.HttpServerRequest;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Endpoints that exercise the kit in its tests; not part of any service. */
@Path("/probe")
@RequiresScope("portal.config")
public class ProbeResource {

    @Inject
    Tenant tenant;

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    public record Item(@NotBlank String name, @Min(1) @Max(10) int count) {
    }

    public record Order(@NotBlank String customer, @NotEmpty List<@Valid @NotNull Item> items) {
    }

    public enum Status {
        ACTIVE, DISABLED
    }

    public record Settings(String name, int days, Status status, Boolean enabled, List<String> tags) {
    }

    @POST
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Settings settings(Settings settings) {
        return settings;
    }

    @GET
    @Path("/echo/{text}")
    @PublicEndpoint
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> echo(@PathParam("text") String text, @QueryParam("q") String q) {
        return Map.of("text", text, "q", q == null ? "" : q);
    }

    /** Stores a note through plain JDBC: what the database refuses is seen by the kit's safety net. */
    @POST
    @Path("/notes/{id}")
    public Map<String, String> note(@PathParam("id") UUID id, @QueryParam("text") String text) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into probe_note (id, text) values (?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, text);
            insert.executeUpdate();
        }
        return Map.of("id", id.toString());
    }

    @GET
    @Path("/number")
    public Map<String, Object> number(@QueryParam("value") String value) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement cast = connection.prepareStatement("select cast(? as integer)")) {
            cast.setString(1, value);
            try (ResultSet result = cast.executeQuery()) {
                result.next();
                return Map.of("value", result.getInt(1));
            }
        }
    }

    @POST
    @Path("/created")
    @PublicEndpoint
    public Response created(@Context UriInfo uri) {
        return Response.created(uri.getAbsolutePathBuilder().path("c-1").queryParam("view", "full").build()).build();
    }

    @GET
    @Path("/client")
    @PublicEndpoint
    public Map<String, String> client(@Context HttpServerRequest request) {
        return Map.of("address", request.remoteAddress().hostAddress(), "scheme", request.scheme());
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
