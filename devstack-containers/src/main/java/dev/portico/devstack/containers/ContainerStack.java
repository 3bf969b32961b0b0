package dev.portico.devstack.containers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The devstack's seam on Testcontainers: starts PostgreSQL, Kafka and GreenMail in containers and writes
 * {@code <data-dir>/postgres.ready} and {@code <data-dir>/devstack.ready} with the same {@code NAME=value}
 * lines as the embedded devstack, which {@code PORTICO_TEST_INFRA=containers bin/portico test} exports before
 * it runs the tests. Stops the containers on SIGTERM (and Testcontainers' reaper does if this JVM dies).
 * Usage: {@code ContainerStack --data-dir=DIR [--partitions=6]}.
 */
public final class ContainerStack {

    private final Deque<GenericContainer<?>> started = new ArrayDeque<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path dataDir = Path.of(options.getOrDefault("data-dir", ".portico-containers"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "6"));
        ContainerStack stack = new ContainerStack();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop(dataDir);
            stopped.countDown();
        }, "container-stack-shutdown"));
        try {
            stack.start(dataDir, partitions);
        } catch (Exception e) {
            System.err.println("container-stack: failed to start (is a Docker engine running?): " + e);
            e.printStackTrace();
            System.exit(1);
        }
        stopped.await();
    }

    private void start(Path dataDir, int partitions) throws Exception {
        Files.createDirectories(dataDir);
        Files.deleteIfExists(dataDir.resolve("devstack.ready"));
        Files.deleteIfExists(dataDir.resolve("postgres.ready"));
        PostgreSQLContainer postgres = ContainerPostgres.create();
        KafkaContainer kafka = ContainerKafka.create();
        GenericContainer<?> mail = ContainerMail.create();
        for (GenericContainer<?> container : List.<GenericContainer<?>>of(postgres, kafka, mail)) {
            log("starting " + container.getDockerImageName());
            container.start();
            started.push(container);
            if (container == postgres) {
                Files.writeString(dataDir.resolve("postgres.ready"), readyFile(ContainerPostgres.settings(postgres)),
                        StandardCharsets.UTF_8);
            }
        }
        ContainerKafka.createTopics(kafka.getBootstrapServers(), partitions);
        Map<String, String> settings = settings(ContainerPostgres.settings(postgres), ContainerKafka.settings(kafka),
                ContainerMail.settings(mail));
        Files.writeString(dataDir.resolve("devstack.ready"), readyFile(settings), StandardCharsets.UTF_8);
        log("ready: " + settings);
    }

    /** All the settings, in the embedded devstack's order (database, Kafka, mail). */
    @SafeVarargs
    static Map<String, String> settings(Map<String, String>... parts) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map<String, String> part : parts) {
            all.putAll(part);
        }
        return all;
    }

    /** The ready file: one {@code NAME=value} line per setting, as the embedded devstack writes it. */
    static String readyFile(Map<String, String> settings) {
        StringBuilder text = new StringBuilder();
        settings.forEach((name, value) -> {
            if (value.contains("\n")) {
                throw new IllegalArgumentException(name + " has a line break");
            }
            text.append(name).append('=').append(value).append('\n');
        });
        return text.toString();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    private void stop(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve("devstack.ready"));
            Files.deleteIfExists(dataDir.resolve("postgres.ready"));
        } catch (Exception ignored) {
            // best effort
        }
        while (!started.isEmpty()) {
            GenericContainer<?> container = started.pop();
            try {
                container.stop();
            } catch (Exception e) {
                System.err.println("container-stack: error stopping " + container.getDockerImageName() + ": " + e);
            }
        }
        log("stopped");
    }

    private static void log(String message) {
        System.out.println("container-stack: " + message);
    }
}
