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
 *
 * <p>For fault tests ({@code bin/portico bench faults}): writing {@code <data-dir>/kafka.restart} (its content: how
 * many seconds the broker stays down, empty for none) shuts the Kafka broker down and starts it again on the same
 * ports and data; {@code <data-dir>/kafka.restarted} appears once it serves again. Nothing else watches files.
 */
public final class DevStack {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final DevStackConfig config;
    private volatile Kafka kafka;
    private volatile boolean stopping;

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
        // the mail server is a process of its own: it starts while the broker does
        log("starting GreenMail: SMTP 127.0.0.1:" + config.smtpPort() + ", API http://127.0.0.1:" + config.mailApiPort());
        MailServer mail = MailServer.start(config.greenmailJar(), config.dataDir().resolve("logs"), config.smtpPort(),
                config.mailApiPort());
        started.push(mail);
        log("starting Kafka (KRaft) on 127.0.0.1:" + config.kafkaPort());
        kafka = startKafka();
        started.push(() -> kafka.close());
        mail.awaitReady();

        String addresses = String.join("\n",
                "PORTICO_DB_URL=jdbc:postgresql://127.0.0.1:" + config.pgPort() + "/" + Postgres.DATABASE,
                "PORTICO_KAFKA=127.0.0.1:" + config.kafkaPort(),
                "PORTICO_SMTP=127.0.0.1:" + config.smtpPort(),
                "PORTICO_MAIL_API=http://127.0.0.1:" + config.mailApiPort(),
                "GREENMAIL_PID=" + mail.pid(),
                "");
        Files.writeString(ready, addresses, StandardCharsets.UTF_8);
        log("ready in " + Duration.between(begin, Instant.now()).toMillis() + " ms; data in " + config.dataDir());
        Thread watcher = new Thread(this::watchKafkaRestart, "devstack-kafka-restart");
        watcher.setDaemon(true);
        watcher.start();
    }

    private Kafka startKafka() throws Exception {
        return Kafka.start(config.dataDir(), config.kafkaPort(), config.kafkaControllerPort(), config.partitions());
    }

    /** Restarts the broker when {@code kafka.restart} appears (see the class comment). */
    private void watchKafkaRestart() {
        Path request = config.dataDir().resolve("kafka.restart");
        Path done = config.dataDir().resolve("kafka.restarted");
        while (!stopping) {
            try {
                Thread.sleep(250);
                if (!Files.exists(request)) {
                    continue;
                }
                String content = Files.readString(request, StandardCharsets.UTF_8).trim();
                long downSeconds = content.isEmpty() ? 0 : Long.parseLong(content);
                Files.deleteIfExists(request);
                Files.deleteIfExists(done);
                synchronized (this) {
                    if (stopping) {
                        return;
                    }
                    log("restart requested: stopping Kafka for " + downSeconds + " s");
                    kafka.close();
                    Thread.sleep(downSeconds * 1000);
                    kafka = startKafka();
                }
                Files.writeString(done, Instant.now() + "\n", StandardCharsets.UTF_8);
                log("Kafka serves again");
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("devstack: Kafka restart failed: " + e);
            }
        }
    }

    private synchronized void stop() {
        stopping = true;
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
