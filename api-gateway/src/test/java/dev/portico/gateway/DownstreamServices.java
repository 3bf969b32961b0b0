package dev.portico.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portico.kit.testing.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The gateway's tests run against the real services, started from their built jars on free ports and
 * connected to the same devstack, plus one stub upstream on a real port that echoes what it received,
 * can be slow, and can be stopped.
 */
public class DownstreamServices implements QuarkusTestResourceLifecycleManager {

    static final Map<String, String> MODULES = Map.of(
            "portal-config", "portal-config-service",
            "portal-user", "portal-user-service",
            "invitation", "invitation-service",
            "auto-invite", "auto-invite-service");

    static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();
    /** Each service's management port (health, metrics). */
    private static final Map<String, Integer> MANAGEMENT_PORTS = new ConcurrentHashMap<>();
    private static final Map<String, Process> PROCESSES = new ConcurrentHashMap<>();
    private static HttpServer stub;
    static int stubPort;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        try {
            for (String service : MODULES.keySet()) {
                PORTS.put(service, FreePorts.next());
                MANAGEMENT_PORTS.put(service, FreePorts.next());
            }
            for (Map.Entry<String, String> service : MODULES.entrySet()) {
                launch(service.getKey());
                config.put("portico.gateway.services." + service.getKey() + ".url",
                        "http://127.0.0.1:" + PORTS.get(service.getKey()));
            }
            stubPort = FreePorts.next();
            startStub();
            config.put("portico.gateway.services.stub.url", "http://127.0.0.1:" + stubPort);
            for (String service : MODULES.keySet()) {
                awaitReady(service, Duration.ofSeconds(120));
            }
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the services the gateway tests need", e);
        }
        return config;
    }

    @Override
    public void stop() {
        PROCESSES.values().forEach(DownstreamServices::terminate);
        PROCESSES.clear();
        stopStub();
    }

    static void launch(String service) throws IOException {
        Path jar = root().resolve(MODULES.get(service)).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services before the gateway");
        }
        Path log = root().resolve("api-gateway/target/" + MODULES.get(service) + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dquarkus.profile=local", "-Dquarkus.http.port=" + PORTS.get(service),
                "-Dquarkus.management.port=" + MANAGEMENT_PORTS.get(service),
                // the config directory's read-through goes to this test's portal-config-service
                "-Dquarkus.rest-client.portal-config.url=http://127.0.0.1:" + PORTS.get("portal-config"),
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        PROCESSES.put(service, process);
    }

    /** Stops a real service the hard way (kill -9), as a crash would. */
    static void kill(String service) throws InterruptedException {
        Process process = PROCESSES.remove(service);
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void restart(String service) throws Exception {
        launch(service);
        awaitReady(service, Duration.ofSeconds(120));
    }

    static void awaitReady(String service, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Process process = PROCESSES.get(service);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + MANAGEMENT_PORTS.get(service)
                        + "/q/health/ready").toURL().openConnection();
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

    static synchronized void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", stubPort), 50);
        stub.createContext("/", DownstreamServices::echo);
        stub.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        stub.start();
    }

    static synchronized void stopStub() {
        if (stub != null) {
            stub.stop(0);
            ((java.util.concurrent.ExecutorService) stub.getExecutor()).shutdownNow();
            stub = null;
        }
    }

    /** Answers with what it received: method, path, query, headers (lower-cased) and body. */
    private static void echo(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/q/")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        if (path.contains("/slow")) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String headers = exchange.getRequestHeaders().entrySet().stream()
                .map(e -> json(e.getKey().toLowerCase()) + ":" + json(String.join(",", e.getValue())))
                .collect(Collectors.joining(","));
        String answer = "{\"method\":" + json(exchange.getRequestMethod()) + ",\"path\":" + json(path)
                + ",\"query\":" + json(exchange.getRequestURI().getRawQuery()) + ",\"bodyLength\":" + body.length()
                + ",\"body\":" + json(body) + ",\"headers\":{" + headers + "}}";
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Stub", "yes");
        exchange.sendResponseHeaders(path.contains("/teapot") ? 418 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String json(String value) {
        if (value == null) {
            return "null";
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    private static void terminate(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    static List<String> services() {
        return List.copyOf(MODULES.keySet());
    }
}
