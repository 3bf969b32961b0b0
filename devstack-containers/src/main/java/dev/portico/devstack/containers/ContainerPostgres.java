package dev.portico.devstack.containers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL 17 in a container, with the devstack's database, role and server settings. */
public final class ContainerPostgres {

    static final String IMAGE = "postgres:17";
    static final String DATABASE = "portico";
    static final String USER = "portico";
    static final String PASSWORD = "portico";

    private ContainerPostgres() {
    }

    public static PostgreSQLContainer create() {
        return new PostgreSQLContainer(IMAGE)
                .withDatabaseName(DATABASE)
                .withUsername(USER)
                .withPassword(PASSWORD)
                // as the embedded devstack runs it: room for every service's pool, fast commits for tests
                .withCommand("postgres", "-c", "max_connections=300", "-c", "shared_buffers=256MB",
                        "-c", "synchronous_commit=off", "-c", "fsync=off");
    }

    /** What the services and tests read to reach it (the same names {@code bin/portico test} exports). */
    public static Map<String, String> settings(String host, int mappedPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("PORTICO_DB_URL", "jdbc:postgresql://" + host + ":" + mappedPort + "/" + DATABASE);
        settings.put("PORTICO_DB_USER", USER);
        settings.put("PORTICO_DB_PASSWORD", PASSWORD);
        return settings;
    }

    public static Map<String, String> settings(PostgreSQLContainer started) {
        return settings(started.getHost(), started.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT));
    }
}
