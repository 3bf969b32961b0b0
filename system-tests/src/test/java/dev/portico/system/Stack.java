package dev.portico.system;

import dev.portico.kit.testing.FreePorts;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The five services as real processes, started once per test JVM from their built jars on free ports, against
 * the throwaway PostgreSQL, Kafka and SMTP server that {@code bin/portico test} started (PORTICO_DB_URL,
 * PORTICO_KAFKA, PORTICO_SMTP*). Tests talk to the gateway only.
 */
public final class Stack {

    private static final List<String> SERVICES = List.of("portal-config-service", "portal-user-service",
            "invitation-service", "auto-invite-service", "api-gateway");
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    /** Each service's management port (health, metrics). */
    private static final Map<String, Integer> MANAGEMENT_PORTS = new LinkedHashMap<>();
    private static final Map<String, Process> PROCESSES = new LinkedHashMap<>();
    private static boolean started;

    private Stack() {
    }

    /** The gateway's base URL, e.g. http://127.0.0.1:41234; starts the stack on first use. */
    public static synchronized String gateway() {
        if (!started) {
            start();
        }
        return "http://127.0.0.1:" + PORTS.get("api-gateway");
    }

    /** The mail server's web API (GreenMail REST). */
    public static String mailApi() {
        String url = System.getenv("PORTICO_MAIL_API");
        return url == null || url.isBlank() ? "http://127.0.0.1:8025" : url;
    }

    private static void start() {
        try {
            for (String service : SERVICES) {
                PORTS.put(service, FreePorts.next());
                MANAGEMENT_PORTS.put(service, FreePorts.next());
            }
            for (String service : SERVICES) {
                launch(service, false);
            }
            for (String service : SERVICES) {
                awaitReady(service, Duration.ofSeconds(180));
            }
            started = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Stack::stop, "stack-stop"));
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the stack", e);
        }
    }

    /**
     * Kills a service the hard way (SIGKILL: no shutdown hook, no graceful drain, whatever it had in flight is
     * lost) and starts it again on the same port with the same settings; returns once it is ready. Its log gets
     * the new run appended, after a line saying so.
     */
    public static synchronized void restart(String service) {
        kill(service);
        start(service);
    }

    /** SIGKILL to a service (kill -9); it stays down until {@link #start(String)}. */
    public static synchronized void kill(String service) {
        gateway();
        Process process = PROCESSES.get(service);
        if (process == null) {
            throw new IllegalArgumentException("no such service: " + service);
        }
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(service + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a service that {@link #kill(String)} stopped, on its old port; returns once it is ready. */
    public static synchronized void start(String service) {
        try {
            Files.writeString(log(service), "\n==== killed with SIGKILL and started again at " + Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            launch(service, true);
            awaitReady(service, Duration.ofSeconds(120));
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + service + " again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Shuts the test devstack's Kafka broker down and starts it again on the same ports and data (the devstack's
     * {@code kafka.restart} control file; {@code bin/portico test} exports its data directory as
     * PORTICO_DEVSTACK_DIR); returns once the broker serves again.
     */
    public static void restartKafka() {
        String dir = System.getenv("PORTICO_DEVSTACK_DIR");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("PORTICO_DEVSTACK_DIR is not set: run the tests with bin/portico test");
        }
        Path request = Path.of(dir, "kafka.restart");
        Path done = Path.of(dir, "kafka.restarted");
        try {
            Files.deleteIfExists(done);
            Files.writeString(request, "0\n");
            Instant deadline = Instant.now().plusSeconds(120);
            while (!Files.exists(done)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the devstack did not restart Kafka within 120 s (log: "
                            + Path.of(dir, "devstack.log") + ")");
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path log(String service) {
        return root().resolve("system-tests/target/" + service + ".log");
    }

    private static void launch(String service, boolean appendLog) throws IOException {
        Path jar = root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first");
        }
        Path log = log(service);
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dquarkus.profile=local",
                "-Dquarkus.http.port=" + PORTS.get(service),
                "-Dquarkus.management.port=" + MANAGEMENT_PORTS.get(service),
                // a mail whose sender was killed before recording its outcome goes out again once its attempt's
                // lease runs out: 2 min by default, 10 s here so that FaultToleranceTest's kill -9 settles quickly
                // (still far above the time two claimed batches of a test's few hundred mails wait for a sender)
                "-Dportico.invitations.delivery.lease=10s",
                // TrialExpiryTest lets a trial run out a few seconds after it started: the scheduler that ends trials
                // looks every 2 s here (60 s by default)
                "-Dportico.config.lifecycle-every=2s",
                "-Dquarkus.rest-client.portal-config.url=" + url("portal-config-service"),
                "-Dquarkus.rest-client.portal-users.url=" + url("portal-user-service"),
                "-Dportico.gateway.services.portal-config.url=" + url("portal-config-service"),
                "-Dportico.gateway.services.portal-user.url=" + url("portal-user-service"),
                "-Dportico.gateway.services.invitation.url=" + url("invitation-service"),
                "-Dportico.gateway.services.auto-invite.url=" + url("auto-invite-service"),
                // BadInputSweepTest sends a few thousand refused requests from one address in a few seconds: the
                // gateway's per-address limits (proven in api-gateway's own tests) would turn most of them into 429s
                "-Dportico.gateway.rate-limit.anonymous-per-second=5000",
                "-Dportico.gateway.rate-limit.anonymous-burst=5000",
                "-Dportico.gateway.rate-limit.accept-per-second=5000",
                "-Dportico.gateway.rate-limit.accept-burst=5000",
                "-Dportico.gateway.rate-limit.public-per-second=5000",
                "-Dportico.gateway.rate-limit.public-burst=5000",
                "-Dportico.gateway.rate-limit.org-per-second=5000",
                "-Dportico.gateway.rate-limit.org-burst=5000",
                "-jar", jar.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        PROCESSES.put(service, process);
    }

    private static String url(String service) {
        return "http://127.0.0.1:" + PORTS.get(service);
    }

    /** A service's management interface (health, metrics), e.g. http://127.0.0.1:41235. */
    public static String managementUrl(String service) {
        return "http://127.0.0.1:" + MANAGEMENT_PORTS.get(service);
    }

    private static void awaitReady(String service, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Process process = PROCESSES.get(service);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue()
                        + " (log: system-tests/target/" + service + ".log)");
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(managementUrl(service) + "/q/health/ready")
                        .toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service + " was not ready within " + timeout);
    }

    /**
     * Writes each service's thread dump to {@code system-tests/target/<service>.threads} (what a test that times
     * out leaves behind to show where the work stood).
     */
    static synchronized void dumpThreads() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        PROCESSES.forEach((service, process) -> {
            try {
                Path out = root().resolve("system-tests/target/" + service + ".threads");
                new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(out.toFile()).start().waitFor(20, TimeUnit.SECONDS);
            } catch (IOException e) {
                // no jcmd in this runtime: the logs will have to do
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static synchronized void stop() {
        for (Process process : PROCESSES.values()) {
            process.destroy();
        }
        for (Process process : PROCESSES.values()) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        PROCESSES.clear();
    }


    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("project root not found");
        }
        return dir;
    }
}
