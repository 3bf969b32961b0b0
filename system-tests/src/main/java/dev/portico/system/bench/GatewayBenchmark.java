package dev.portico.system.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.portico.devstack.TokenCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * DESIGN §8 gateway target: p99 added ≤ 2 ms and ≥ 80 % of direct throughput. The same authenticated read
 * ({@code GET /api/v1/portals/{id}}, JWT checked by gateway and service, one PostgreSQL query) is sent to
 * portal-config-service directly and through the gateway, in alternating rounds, over 50 orgs (so that the per-org
 * rate limit of a default stack is not what is measured). Needs a running stack: {@code bin/portico up}.
 * Writes {@code system-tests/target/bench/gateway.json}.
 */
public final class GatewayBenchmark {

    private static final int ORGS = 50;

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String gateway = env("PORTICO_GATEWAY_URL", "http://127.0.0.1:8080");
        String direct = env("PORTICO_CONFIG_URL", "http://127.0.0.1:8081");
        Duration warmup = Duration.ofSeconds(Long.parseLong(env("PORTICO_BENCH_WARMUP_S", "5")));
        Duration measure = Duration.ofSeconds(Long.parseLong(env("PORTICO_BENCH_MEASURE_S", "15")));
        int workers = Integer.parseInt(env("PORTICO_BENCH_WORKERS", "16"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();

        List<String[]> targets = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < ORGS; i++) {
            String org = "bench-" + run + "-" + i;
            String token = TokenCli.sign(org, "org.admin portal.config portal.users", "bench", Duration.ofHours(2));
            send(client, "PUT", gateway + "/api/v1/org", token, "{\"name\":\"Bench " + i + "\",\"edition\":\"ENTERPRISE\"}", 200);
            String body = send(client, "POST", gateway + "/api/v1/portals", token,
                    "{\"name\":\"Bench\",\"module\":\"Contacts\",\"slug\":\"bench-" + run + "-" + i + "\"}", 201);
            String id = new ObjectMapper().readTree(body).get("id").asText();
            targets.add(new String[] {token, "/api/v1/portals/" + id});
        }

        int rounds = Integer.parseInt(env("PORTICO_BENCH_ROUNDS", "4"));
        List<LoadRun.Result> results = new ArrayList<>();
        List<Double> addedP50s = new ArrayList<>();
        List<Double> addedP99s = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        // round 0 warms every JIT involved (services, gateway, this client) and is not counted; each
        // measured round pairs direct and gateway runs taken back to back, and the medians are reported
        for (int round = 0; round <= rounds; round++) {
            LoadRun.Result directOne = LoadRun.run("direct  (1 worker)", client,
                    i -> get(direct, targets.get(i % ORGS)), 1, warmup, measure);
            LoadRun.Result gatewayOne = LoadRun.run("gateway (1 worker)", client,
                    i -> get(gateway, targets.get(i % ORGS)), 1, warmup, measure);
            LoadRun.Result directMany = LoadRun.run("direct  (" + workers + " workers)", client,
                    i -> get(direct, targets.get(i % ORGS)), workers, warmup, measure);
            LoadRun.Result gatewayMany = LoadRun.run("gateway (" + workers + " workers)", client,
                    i -> get(gateway, targets.get(i % ORGS)), workers, warmup, measure);
            System.out.printf("round %d%s%n  %s%n  %s%n  %s%n  %s%n", round, round == 0 ? " (warm-up)" : "",
                    directOne, gatewayOne, directMany, gatewayMany);
            if (round > 0) {
                results.addAll(List.of(directOne, gatewayOne, directMany, gatewayMany));
                addedP50s.add(gatewayOne.p50Ms() - directOne.p50Ms());
                addedP99s.add(gatewayOne.p99Ms() - directOne.p99Ms());
                ratios.add(gatewayMany.perSecond() / directMany.perSecond());
            }
        }
        double addedP50 = median(addedP50s);
        double addedP99 = median(addedP99s);
        double ratio = median(ratios);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "gateway");
        report.put("at", Instant.now().toString());
        report.put("request", "GET /api/v1/portals/{id} with a bearer JWT, 50 orgs round robin");
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, load generator on the same machine");
        report.put("statistic", "median over measured rounds");
        report.put("addedP50Ms", LoadRun.round(addedP50));
        report.put("addedP99Ms", LoadRun.round(addedP99));
        report.put("throughputRatio", LoadRun.round(ratio));
        report.put("targets", Map.of("addedP99Ms", 2.0, "throughputRatio", 0.8));
        report.put("met", addedP99 <= 2.0 && ratio >= 0.8);
        report.put("perRound", Map.of("addedP50Ms", addedP50s.stream().map(LoadRun::round).toList(),
                "addedP99Ms", addedP99s.stream().map(LoadRun::round).toList(),
                "throughputRatio", ratios.stream().map(LoadRun::round).toList()));
        report.put("runs", results.stream().map(LoadRun.Result::toMap).toList());
        Path out = Path.of(System.getProperty("portico.bench.dir", "system-tests/target/bench"), "gateway.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        System.out.printf("%ngateway added latency (median of %d rounds): p50 %+.2f ms, p99 %+.2f ms (target ≤ 2 ms); throughput %.0f%% of "
                + "direct (target ≥ 80 %%)%nwritten to %s%n", rounds, addedP50, addedP99, ratio * 100, out.toAbsolutePath());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static HttpRequest get(String base, String[] target) {
        return HttpRequest.newBuilder(URI.create(base + target[1])).header("Authorization", "Bearer " + target[0])
                .timeout(Duration.ofSeconds(10)).GET().build();
    }

    private static String send(HttpClient client, String method, String url, String token, String body, int expected)
            throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body() + " (is the stack up? bin/portico up)");
        }
        return response.body();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
