package dev.portico.kit.persistence;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jboss.logging.Logger;

/**
 * The kit's tables (outbox, processed events, config directory) and the service's own evolve independently, so
 * each has its own Flyway history in the service's schema: {@code kit_schema_history} for {@code db/kit} (V0_n),
 * the service's {@code flyway_schema_history} for {@code db/migration} (V1+). Both stay strictly ordered
 * (out-of-order is off): a kit release adding V0_4 is not "older" than a service's V7.
 * <p>
 * Quarkus builds the service's Flyway from {@code quarkus.flyway.locations} (both folders, found at build time);
 * before it migrates, this customizer migrates the kit's folder under the kit's history, then leaves the
 * service's Flyway only its own folder. On a fresh schema the service's history starts with a baseline at version
 * 0 (the kit's tables are already there). A schema migrated before the histories were split has the kit's rows
 * in the service's history: they are moved to the kit's, once, in one transaction.
 */
@ApplicationScoped
@IfBuildProperty(name = "portico.kit.persistence.enabled", stringValue = "true", enableIfMissing = true)
public class KitMigrations implements FlywayConfigurationCustomizer {

    public static final String KIT_HISTORY = "kit_schema_history";
    static final String KIT_FOLDER = "db/kit/";

    private static final Logger LOG = Logger.getLogger(KitMigrations.class);

    @Override
    public void customize(FluentConfiguration service) {
        ResourceProvider all = service.getResourceProvider();
        String schema = service.getDefaultSchema();
        String serviceHistory = service.getTable();
        adoptKitRows(service.getDataSource(), schema, serviceHistory);
        Flyway.configure(service.getClassLoader())
                .configuration(service)
                .table(KIT_HISTORY)
                .resourceProvider(only(all, KitMigrations::isKit))
                .baselineOnMigrate(false)
                .load()
                .migrate();
        service.resourceProvider(only(all, resource -> !isKit(resource)))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("after the kit tables of " + KIT_HISTORY);
    }

    static boolean isKit(LoadableResource resource) {
        String path = resource.getAbsolutePath().replace('\\', '/');
        return path.startsWith(KIT_FOLDER) || path.contains("/" + KIT_FOLDER);
    }

    /** The kit's V0_n rows of a schema migrated with one history, moved to the kit's own; a no-op otherwise. */
    static void adoptKitRows(DataSource dataSource, String schema, String serviceHistory) {
        try (Connection connection = dataSource.getConnection()) {
            if (!exists(connection, schema, serviceHistory) || exists(connection, schema, KIT_HISTORY)) {
                return;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                String from = quote(schema) + "." + quote(serviceHistory);
                String to = quote(schema) + "." + quote(KIT_HISTORY);
                statement.execute("create table " + to + " (like " + from + " including all)");
                int moved = statement.executeUpdate("insert into " + to + " select * from " + from
                        + " where version like '0.%'");
                statement.executeUpdate("delete from " + from + " where version like '0.%'");
                if (moved == 0) {
                    connection.rollback(); // nothing of the kit's there: let Flyway create its table its own way
                } else {
                    connection.commit();
                    LOG.infof("moved %d kit migration(s) of schema %s from %s to %s", moved, schema, serviceHistory,
                            KIT_HISTORY);
                }
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not split the kit's migration history from the service's", e);
        }
    }

    private static boolean exists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select 1 from information_schema.tables where table_schema = ? and table_name = ?")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static ResourceProvider only(ResourceProvider all, Predicate<LoadableResource> which) {
        return new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                LoadableResource resource = all.getResource(name);
                return resource != null && which.test(resource) ? resource : null;
            }

            @Override
            public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                return all.getResources(prefix, suffixes).stream().filter(which).toList();
            }
        };
    }
}
