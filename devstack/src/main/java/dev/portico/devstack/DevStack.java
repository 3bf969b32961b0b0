package dev.portico.devstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the real infrastructure of a local Portico (PostgreSQL, Kafka, GreenMail), writes
 * {@code <data-dir>/postgres.ready} as soon as the database serves and {@code <data-dir>/devstack.ready}
 * with all addresses once everything does, and stops them in reverse
 * order on SIGTERM. A second start on the same data directory keeps the data.
 */
public final class DevStack {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final DevStackConfig config;

    private DevStack(DevStackConfig config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        DevStackConfig config = DevStackConfig.from(args, System.getenv());
        DevStack stack = new DevStack(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "devstack-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("devstack: failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        stopped.await();
    }

    private void start() throws Exception {
        Instant begin = Instant.now();
        Files.createDirectories(config.dataDir());
        Path ready = config.dataDir().resolve("devstack.ready");
        Path databaseReady = config.dataDir().resolve("postgres.ready");
        Files.deleteIfExists(ready);
        Files.deleteIfExists(databaseReady);

        log("starting PostgreSQL on 127.0.0.1:" + config.pgPort());
        started.push(Postgres.start(config.dataDir(), config.pgPort()));
        // services may start now: they migrate their schemas at boot and connect to Kafka when it is up
        Files.writeString(databaseReady, "PORTICO_DB_URL=jdbc:postgresql://127.0.0.1:" + config.pgPort() + "/"
                + Postgres.DATABASE + "\n", StandardCharsets.UTF_8);
        log("starting Kafka (KRaft) on 127.0.0.1:" + config.kafkaPort());
        started.push(Kafka.start(config.dataDir(), config.kafkaPort(), config.kafkaControllerPort(),
                config.partitions()));
        log("starting GreenMail: SMTP 127.0.0.1:" + config.smtpPort() + ", API http://127.0.0.1:" + config.mailApiPort());
        MailServer mail = MailServer.start(config.greenmailJar(), config.dataDir().resolve("logs"), config.smtpPort(),
                config.mailApiPort());
        started.push(mail);

        String addresses = String.join("\n",
                "PORTICO_DB_URL=jdbc:postgresql://127.0.0.1:" + config.pgPort() + "/" + Postgres.DATABASE,
                "PORTICO_KAFKA=127.0.0.1:" + config.kafkaPort(),
                "PORTICO_SMTP=127.0.0.1:" + config.smtpPort(),
                "PORTICO_MAIL_API=http://127.0.0.1:" + config.mailApiPort(),
                "GREENMAIL_PID=" + mail.pid(),
                "");
        Files.writeString(ready, addresses, StandardCharsets.UTF_8);
        log("ready in " + Duration.between(begin, Instant.now()).toMillis() + " ms; data in " + config.dataDir());
    }

    private void stop() {
        try {
            Files.deleteIfExists(config.dataDir().resolve("devstack.ready"));
            Files.deleteIfExists(config.dataDir().resolve("postgres.ready"));
        } catch (Exception ignored) {
            // best effort
        }
        while (!started.isEmpty()) {
            AutoCloseable server = started.pop();
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("devstack: error stopping " + server.getClass().getSimpleName() + ": " + e);
            }
        }
        log("stopped");
    }

    private static void log(String message) {
        System.out.println("devstack: " + message);
    }
}
