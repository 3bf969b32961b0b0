package dev.portico.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Real PostgreSQL 17 from zonky's binaries; data kept in {@code <data-dir>/pg}. */
final class Postgres implements AutoCloseable {

    static final String DATABASE = "portico";
    static final String USER = "portico";
    static final String PASSWORD = "portico";
    /** One schema per service (DESIGN §1); services migrate them with Flyway. */
    static final List<String> SCHEMAS = List.of("config", "users", "invitations", "autoinvite");

    private final EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static Postgres start(Path dataDir, int port) throws IOException, SQLException {
        Path pgData = dataDir.resolve("pg");
        Path binaries = dataDir.resolve("pg-binaries");
        Files.createDirectories(binaries);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                .start();
        Postgres postgres = new Postgres(server);
        postgres.provision();
        return postgres;
    }

    private void provision() throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + USER + "'")) {
                if (!rs.next()) {
                    s.execute("create role " + USER + " login password '" + PASSWORD + "'");
                }
            }
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("create database " + DATABASE + " owner " + USER);
                }
            }
        }
        try (Connection c = server.getDatabase(USER, DATABASE).getConnection(); Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("create schema if not exists " + schema + " authorization " + USER);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
