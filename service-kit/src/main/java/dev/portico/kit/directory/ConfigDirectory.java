package dev.portico.kit.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.ConfigEvent;
import dev.portico.kit.cache.KeptValues;
import dev.portico.kit.problem.ProblemException;
import dev.portico.kit.tx.AfterCommit;
import io.quarkus.arc.Arc;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The org, portal, user-type and module facts a service needs, kept locally from {@code portal.config-events}
 * (never a call per event or per invitation). A portal or user type created a moment ago may not have arrived
 * yet: on a local miss during an HTTP request, the directory asks portal-config-service with the caller's own
 * token (short time-out) before saying it does not exist. Deleted portals and user types are known as such and
 * never looked up remotely.
 */
@ApplicationScoped
@IfBuildProperty(name = "portico.kit.persistence.enabled", stringValue = "true", enableIfMissing = true)
public class ConfigDirectory {

    static final String ORG = "org";
    static final String PORTAL = "portal";
    static final String USER_TYPE = "user_type";
    static final String MODULE = "module";

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    @RestClient
    Instance<ConfigServiceClient> remote;

    @Inject
    Instance<JsonWebToken> token;

    /**
     * How long a snapshot read from the table serves later transactions of this process. This process's own
     * {@link #apply} drops it at once (and again at its commit); a change another replica applied shows here
     * after at most this long. {@code 0} reads the table in every transaction.
     */
    @ConfigProperty(name = "portico.config-directory.cache-ttl", defaultValue = "1s")
    Duration cacheTtl;

    /**
     * Snapshots found in the table, shared by this process's transactions for {@link #cacheTtl}; a read that
     * overlaps an apply is not kept (it may predate that apply).
     */
    private final KeptValues<Key, Cached> cache = new KeptValues<>(10_000);

    /** Off in tests that run a service without portal-config-service: a local miss is then simply a miss. */
    @ConfigProperty(name = "portico.config-directory.read-through", defaultValue = "true")
    boolean readThrough;

    public Optional<ConfigEvent.Org> org(String orgId) {
        Optional<Snapshot<ConfigEvent.Org>> row = snapshot(orgId, ORG, orgId, ConfigEvent.Org.class);
        if (row.isPresent()) {
            return Optional.of(row.get().value());
        }
        return bearer().flatMap(auth -> remote(() -> remote.get().org(auth))).map(ConfigDirectory::orgFromApi);
    }

    public Optional<ConfigEvent.Portal> portal(String orgId, UUID portalId) {
        Optional<Snapshot<ConfigEvent.Portal>> row = snapshot(orgId, PORTAL, portalId.toString(),
                ConfigEvent.Portal.class);
        if (row.isPresent()) {
            return row.get().deleted() ? Optional.empty() : Optional.of(row.get().value());
        }
        return bearer().flatMap(auth -> remote(() -> remote.get().portal(auth, portalId.toString())))
                .map(json -> mapper.convertValue(json, ConfigEvent.Portal.class));
    }

    public Optional<ConfigEvent.UserType> userType(String orgId, UUID portalId, UUID typeId) {
        Optional<Snapshot<ConfigEvent.UserType>> row = snapshot(orgId, USER_TYPE, typeId.toString(),
                ConfigEvent.UserType.class);
        if (row.isPresent()) {
            ConfigEvent.UserType type = row.get().value();
            return row.get().deleted() || !portalId.toString().equals(type.portalId()) ? Optional.empty()
                    : Optional.of(type);
        }
        return bearer().flatMap(auth -> remote(() -> remote.get().userType(auth, portalId.toString(), typeId.toString())))
                .map(ConfigDirectory::userTypeFromApi);
    }

    /**
     * The module's metadata; a standard module the org never changed has no event, so on a local miss during an
     * HTTP request the directory asks portal-config-service ({@code GET /modules/{module}}) like {@link #portal}.
     */
    public Optional<ConfigEvent.Module> module(String orgId, String name) {
        Optional<Snapshot<ConfigEvent.Module>> row = snapshot(orgId, MODULE, name, ConfigEvent.Module.class);
        if (row.isPresent()) {
            return Optional.of(row.get().value());
        }
        return bearer().flatMap(auth -> remote(() -> remote.get().module(auth, name)))
                .map(json -> mapper.convertValue(json, ConfigEvent.Module.class));
    }

    /** Stores the snapshot an event carries; call it in the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ConfigEvent event) {
        Instant now = Instant.now(clock);
        switch (event.type()) {
            case ORG_UPDATED -> {
                if (event.org() != null) {
                    upsert(event.orgId(), ORG, event.orgId(), null, event.org(), false, now);
                }
            }
            case PORTAL_CREATED, PORTAL_UPDATED, PORTAL_DELETED -> {
                if (event.portal() != null) {
                    upsert(event.orgId(), PORTAL, event.portal().id(), event.portal().id(), event.portal(),
                            event.type() == ConfigEvent.Type.PORTAL_DELETED, now);
                }
            }
            case USER_TYPE_CREATED, USER_TYPE_UPDATED, USER_TYPE_DELETED -> {
                if (event.userType() != null) {
                    upsert(event.orgId(), USER_TYPE, event.userType().id(), event.userType().portalId(),
                            event.userType(), event.type() == ConfigEvent.Type.USER_TYPE_DELETED, now);
                }
            }
            case MODULE_UPDATED -> {
                if (event.module() != null) {
                    upsert(event.orgId(), MODULE, event.module().name(), null, event.module(), false, now);
                }
            }
        }
    }

    private void upsert(String orgId, String kind, String id, String portalId, Object payload, boolean deleted,
            Instant now) {
        Key key = new Key(orgId, kind, id);
        Map<Key, Optional<Snapshot<?>>> memo = memo();
        if (memo != null) {
            memo.remove(key);
        }
        cache.forget(key);
        AfterCommit.run(transactions, () -> cache.forget(key));
        em.createNativeQuery("""
                insert into config_snapshot (org_id, kind, id, portal_id, payload, deleted, updated_at)
                values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6, ?7)
                on conflict (org_id, kind, id) do update
                   set portal_id = excluded.portal_id, payload = excluded.payload, deleted = excluded.deleted,
                       updated_at = excluded.updated_at""")
                .setParameter(1, orgId)
                .setParameter(2, kind)
                .setParameter(3, id)
                .setParameter(4, portalId)
                .setParameter(5, write(payload))
                .setParameter(6, deleted)
                .setParameter(7, now)
                .executeUpdate();
    }

    /**
     * A snapshot, parsed, read once per transaction: a consumer's batch asks for the same org, portal or module once
     * per event, and gets the first answer again (an {@link #apply} in the same transaction replaces it). Found rows
     * also serve the process's later transactions for {@link #cacheTtl} (consumers read the same portal batch after
     * batch); a miss is read again each time.
     */
    @SuppressWarnings("unchecked")
    private <T> Optional<Snapshot<T>> snapshot(String orgId, String kind, String id, Class<T> type) {
        Map<Key, Optional<Snapshot<?>>> memo = memo();
        Key key = new Key(orgId, kind, id);
        Optional<Snapshot<?>> known = memo == null ? null : memo.get(key);
        if (known != null) {
            return known.map(snapshot -> (Snapshot<T>) snapshot);
        }
        Cached cached = cache.get(key);
        if (cached != null && System.nanoTime() - cached.readAt() < cacheTtl.toNanos()) {
            if (memo != null) {
                memo.put(key, Optional.of(cached.snapshot()));
            }
            return Optional.of((Snapshot<T>) cached.snapshot());
        }
        long stamp = cache.stamp();
        long readAt = System.nanoTime();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select cast(payload as text), deleted from config_snapshot where org_id = ?1 and kind = ?2 and id = ?3")
                .setParameter(1, orgId)
                .setParameter(2, kind)
                .setParameter(3, id)
                .getResultList();
        Optional<Snapshot<T>> found = rows.isEmpty() ? Optional.empty()
                : Optional.of(new Snapshot<>(read((String) rows.get(0)[0], type), (Boolean) rows.get(0)[1]));
        if (memo != null) {
            memo.put(key, found.<Snapshot<?>>map(snapshot -> snapshot));
        }
        if (found.isPresent() && !cacheTtl.isZero()) {
            cache.keep(key, new Cached(found.get(), readAt), stamp);
        }
        return found;
    }

    /** This transaction's snapshots by key; null outside a transaction (each lookup then reads anew). */
    @SuppressWarnings("unchecked")
    private Map<Key, Optional<Snapshot<?>>> memo() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return null;
        }
        Object memo = transactions.getResource(ConfigDirectory.class);
        if (memo == null) {
            memo = new HashMap<Key, Optional<Snapshot<?>>>();
            transactions.putResource(ConfigDirectory.class, memo);
        }
        return (Map<Key, Optional<Snapshot<?>>>) memo;
    }

    /** The caller's bearer token while serving an HTTP request; empty in consumers and schedulers. */
    private Optional<String> bearer() {
        if (!readThrough || !Arc.container().requestContext().isActive() || !token.isResolvable()) {
            return Optional.empty();
        }
        try {
            String raw = token.get().getRawToken();
            return raw == null ? Optional.empty() : Optional.of("Bearer " + raw);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<JsonNode> remote(java.util.function.Supplier<JsonNode> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                return Optional.empty();
            }
            Log.warnf("portal-config-service answered %d to a directory read-through", status);
            throw new ProblemException(503, "CONFIG_UNAVAILABLE",
                    "The portal configuration cannot be read right now; retry shortly.");
        } catch (RuntimeException e) {
            Log.warnf("portal-config-service unreachable for a directory read-through: %s", e.toString());
            throw new ProblemException(503, "CONFIG_UNAVAILABLE",
                    "The portal configuration cannot be read right now; retry shortly.");
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable config snapshot", e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET /org answers the API shape (trial as an object); the directory keeps the event's shape. */
    static ConfigEvent.Org orgFromApi(JsonNode json) {
        JsonNode trial = json.path("trial");
        JsonNode limits = json.path("limits");
        List<String> domains = new ArrayList<>();
        json.path("companyDomains").forEach(d -> domains.add(d.asText()));
        return new ConfigEvent.Org(text(json, "name"), text(json, "edition"), text(trial, "edition"),
                instant(trial, "endsAt"), domains, json.path("gdprEnabled").asBoolean(false),
                text(json, "defaultLanguage"),
                new ConfigEvent.Limits(limits.path("createPortals").asBoolean(false), integer(limits, "portals"),
                        integer(limits, "userTypesPerPortal"), integer(limits, "usersPerPortal")),
                instant(json, "portalDeletionScheduledAt"), trial.path("active").asBoolean(false));
    }

    /** GET …/user-types/{id} gives {@code relatedVia} as {@code {field}}; the event as the field name. */
    static ConfigEvent.UserType userTypeFromApi(JsonNode json) {
        List<ConfigEvent.ModuleAccess> modules = new ArrayList<>();
        for (JsonNode m : json.path("modules")) {
            JsonNode p = m.path("permissions");
            List<ConfigEvent.FieldAccess> fields = new ArrayList<>();
            m.path("fields").forEach(f -> fields.add(new ConfigEvent.FieldAccess(text(f, "name"), text(f, "access"))));
            modules.add(new ConfigEvent.ModuleAccess(text(m, "module"),
                    new ConfigEvent.Permissions(p.path("view").asBoolean(), p.path("create").asBoolean(),
                            p.path("edit").asBoolean(), p.path("delete").asBoolean()),
                    text(m.path("relatedVia"), "field"), fields));
        }
        return new ConfigEvent.UserType(text(json, "id"), text(json, "portalId"), text(json, "name"), modules);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asInt() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }

    private record Key(String orgId, String kind, String id) {
    }

    private record Snapshot<T>(T value, boolean deleted) {
    }

    private record Cached(Snapshot<?> snapshot, long readAt) {
    }
}
