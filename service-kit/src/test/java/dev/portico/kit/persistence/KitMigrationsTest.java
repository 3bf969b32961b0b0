package dev.portico.kit.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;

/** The kit's migrations and the service's each have their own history, each strictly in order. */
@QuarkusTest
class KitMigrationsTest {

    @Inject
    DataSource dataSource;

    @Inject
    Flyway flyway;

    @ConfigProperty(name = "portico.schema")
    String schema;

    @Test
    void theKitAndTheServiceMigrateUnderTheirOwnHistoriesInOrder() throws SQLException {
        assertThat(versions(schema, KitMigrations.KIT_HISTORY)).containsExactly("0.1", "0.2", "0.3");
        // the service's history: a baseline at 0 (the kit's tables were already there), then its own V1, V2
        assertThat(versions(schema, "flyway_schema_history")).containsExactly("0", "1", "2");
        assertThat(flyway.getConfiguration().isOutOfOrder()).isFalse();
        assertThat(flyway.info().pending()).isEmpty();
        flyway.validate();
    }

    @Test
    void aSchemaMigratedWithOneHistoryHasTheKitsRowsMovedOnceAndThenValidates() throws SQLException {
        String legacy = "kit_legacy_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // the layout before the split: the kit's V0_n and the service's V1+ in one flyway_schema_history
            statement.execute("create schema " + legacy);
            statement.execute("create table " + legacy + ".flyway_schema_history (like " + schema
                    + ".flyway_schema_history including all)");
            statement.execute("insert into " + legacy + ".flyway_schema_history select * from " + schema + "."
                    + KitMigrations.KIT_HISTORY + " where version like '0.%'");
            statement.execute("insert into " + legacy + ".flyway_schema_history select installed_rank + 100, version,"
                    + " description, type, script, checksum, installed_by, installed_on, execution_time, success from "
                    + schema + ".flyway_schema_history where version <> '0'");
        }
        Flyway service = Flyway.configure().configuration(flyway.getConfiguration()).schemas(legacy)
                .defaultSchema(legacy).load();
        assertThatThrownBy(service::validate).isInstanceOf(FlywayValidateException.class)
                .hasMessageContaining("not resolved locally");

        KitMigrations.adoptKitRows(dataSource, legacy, "flyway_schema_history");

        assertThat(versions(legacy, KitMigrations.KIT_HISTORY)).containsExactly("0.1", "0.2", "0.3");
        assertThat(versions(legacy, "flyway_schema_history")).containsExactly("1", "2");
        service.validate();
        KitMigrations.adoptKitRows(dataSource, legacy, "flyway_schema_history"); // once: a second start moves nothing
        assertThat(versions(legacy, KitMigrations.KIT_HISTORY)).containsExactly("0.1", "0.2", "0.3");
    }

    private List<String> versions(String in, String table) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select version from " + in + "." + table
                        + " where version is not null and success order by installed_rank")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }
}
