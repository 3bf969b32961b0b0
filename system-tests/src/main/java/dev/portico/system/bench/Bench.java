package dev.portico.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every benchmark needs: calls to the running stack, settings from the environment, a JSON report. */
final class Bench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Bench() {
    }

    /**
     * The mails in one inbox of the local mail server: none when the address never received one (the server then
     * does not know the user, and says so with a 400), or when a restart emptied its in-memory store.
     */
    static JsonNode inbox(String mailApi, String email) throws Exception {
        HttpResponse<String> response = call("GET", mailApi + "/api/user/" + email + "/messages/INBOX", null, null);
        if (response.statusCode() == 400 && response.body().contains("not found")) {
            return JSON.createArrayNode();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("mail API for " + email + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json(response.body());
    }

    static String send(String method, String url, String token, String body, int expected) throws Exception {
        HttpResponse<String> response = call(method, url, token, body);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body() + " (is the stack up? bin/portico up)");
        }
        return response.body();
    }

    /** The status code of a call (for polling until something exists). */
    static int status(String method, String url, String token) throws Exception {
        return call(method, url, token, null).statusCode();
    }

    /**
     * One call; a 429 is waited out as its Retry-After says and the call made again (the gateway limits each org's
     * requests per second, and a benchmark polling hundreds of records would otherwise have its next call refused).
     */
    private static HttpResponse<String> call(String method, String url, String token, String body) throws Exception {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = callOnce(method, url, token, body);
            if (response.statusCode() != 429 || attempt == 10) {
                return response;
            }
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Math.max(1, Math.min(seconds, 30)) * 1000);
        }
    }

    private static HttpResponse<String> callOnce(String method, String url, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Peak resident set size (VmHWM) of each service that {@code bin/portico up} started, in MB. */
    static Map<String, Long> peakRssMb() {
        Map<String, Long> rss = new LinkedHashMap<>();
        Path pids = Path.of(env("PORTICO_HOME", ".portico"), "pids");
        for (String service : new String[] {"portal-config-service", "portal-user-service", "invitation-service",
                "auto-invite-service", "api-gateway"}) {
            try {
                String pid = Files.readString(pids.resolve(service + ".pid")).trim();
                for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        rss.put(service, Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                    }
                }
            } catch (Exception unknown) {
                // not started by bin/portico up on this machine: no figure
            }
        }
        return rss;
    }

    /**
     * CPU seconds used so far (user + system) by each service {@code bin/portico up} started, and by the embedded
     * infrastructure: the devstack's own JVM (Kafka), PostgreSQL (all its processes) and the mail server. The
     * difference of two readings says where a run's CPU went.
     */
    static Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        Path pids = Path.of(env("PORTICO_HOME", ".portico"), "pids");
        Map<Long, long[]> all = new java.util.HashMap<>(); // pid -> {ppid, ticks}
        try (var proc = Files.list(Path.of("/proc"))) {
            proc.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    all.put(pid, new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])});
                } catch (Exception gone) {
                    // the process ended meanwhile
                }
            });
        } catch (Exception e) {
            return cpu;
        }
        for (String service : new String[] {"portal-config-service", "portal-user-service", "invitation-service",
                "auto-invite-service", "api-gateway"}) {
            try {
                long pid = Long.parseLong(Files.readString(pids.resolve(service + ".pid")).trim());
                cpu.put(service, all.containsKey(pid) ? all.get(pid)[1] / 100.0 : 0);
            } catch (Exception unknown) {
                // not started by bin/portico up
            }
        }
        try {
            long devstack = Long.parseLong(Files.readString(pids.resolve("devstack.pid")).trim());
            double kafka = all.containsKey(devstack) ? all.get(devstack)[1] / 100.0 : 0;
            // pg_ctl detaches PostgreSQL from the devstack: its processes descend from the postmaster named in the
            // data directory's postmaster.pid
            long postmaster = postmaster(pids.getParent().resolve("pg/postmaster.pid"));
            double postgres = 0;
            double mail = 0;
            for (Map.Entry<Long, long[]> e : all.entrySet()) {
                long ancestor = e.getKey();
                for (int depth = 0; depth < 6 && ancestor > 1; depth++) {
                    if (ancestor == postmaster) {
                        postgres += e.getValue()[1] / 100.0;
                        break;
                    }
                    if (ancestor == devstack) {
                        if (e.getKey() != devstack) {
                            mail += e.getValue()[1] / 100.0;
                        }
                        break;
                    }
                    ancestor = all.containsKey(ancestor) ? all.get(ancestor)[0] : 0;
                }
            }
            cpu.put("kafka (devstack)", kafka);
            cpu.put("postgresql", postgres);
            cpu.put("mail server", mail);
        } catch (Exception external) {
            // infrastructure not started by bin/portico up
        }
        return cpu;
    }

    private static long postmaster(Path pidFile) {
        try {
            return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (Exception notEmbedded) {
            return -1;
        }
    }

    /** What each process spent between two {@link #cpuSeconds()} readings. */
    static Map<String, Double> cpuSpent(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> spent = new LinkedHashMap<>();
        after.forEach((name, seconds) -> spent.put(name,
                Math.round((seconds - before.getOrDefault(name, 0.0)) * 10) / 10.0));
        return spent;
    }

    static Path write(String name, Map<String, Object> report) throws Exception {
        Path out = Path.of(System.getProperty("portico.bench.dir", "system-tests/target/bench"), name + ".json");
        Files.createDirectories(out.getParent());
        JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        return out;
    }
}
