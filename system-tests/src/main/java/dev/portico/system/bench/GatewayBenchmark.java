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
import java.util.function.IntFunction;

/**
 * DESIGN §8 gateway target: p99 added ≤ 2 ms and ≥ 80 % of direct throughput. The same authenticated read
 * ({@code GET /api/v1/portals/{id}}, JWT checked by gateway and service, one PostgreSQL query) is sent to
 * portal-config-service directly and through the gateway, in alternating rounds, over 50 orgs (so that the per-org
 * rate limit of a default stack is not what is measured). The two ways alternate every second (see {@link LoadRun}).
 * Needs a running stack: {@code bin/portico up}.
 * Writes {@code system-tests/target/bench/gateway.json}.
 */
public final class GatewayBenchmark {

    private static final int ORGS = 50;

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String gateway = Bench.env("PORTICO_GATEWAY_URL", "http://127.0.0.1:8080");
        String direct = Bench.env("PORTICO_CONFIG_URL", "http://127.0.0.1:8081");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();

        List<String[]> targets = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < ORGS; i++) {
            String org = "bench-" + run + "-" + i;
            String token = TokenCli.sign(org, "org.admin portal.config portal.users", "bench", Duration.ofHours(2));
            Bench.send("PUT", gateway + "/api/v1/org", token, "{\"name\":\"Bench " + i + "\",\"edition\":\"ENTERPRISE\"}", 200);
            String body = Bench.send("POST", gateway + "/api/v1/portals", token,
                    "{\"name\":\"Bench\",\"module\":\"Contacts\",\"slug\":\"bench-" + run + "-" + i + "\"}", 201);
            String id = new ObjectMapper().readTree(body).get("id").asText();
            targets.add(new String[] {token, "/api/v1/portals/" + id});
        }

        long warmup = Long.parseLong(Bench.env("PORTICO_BENCH_WARMUP_S", "30")) * 1000;
        int slices = 2 * Integer.parseInt(Bench.env("PORTICO_BENCH_PAIRS", "30"));
        long sliceMillis = Long.parseLong(Bench.env("PORTICO_BENCH_SLICE_MS", "1000"));
        int workers = Integer.parseInt(Bench.env("PORTICO_BENCH_WORKERS", "16"));
        IntFunction<HttpRequest> viaDirect = i -> get(direct, targets.get(i % ORGS));
        IntFunction<HttpRequest> viaGateway = i -> get(gateway, targets.get(i % ORGS));
        // warm-up under full load, so that every JIT involved has compiled the path before anything is measured
        LoadRun.run(client, workers, "direct", viaDirect, "gateway", viaGateway, warmup, 0, sliceMillis);
        // latency: one request at a time, so the figures are the path's own and not queueing
        LoadRun.Result one = LoadRun.run(client, 1, "direct", viaDirect, "gateway", viaGateway, 2000, slices,
                sliceMillis);
        // throughput: enough clients to keep both cores busy (16 is where direct throughput peaks here)
        LoadRun.Result many = LoadRun.run(client, workers, "direct", viaDirect, "gateway", viaGateway, 2000, slices,
                sliceMillis);
        System.out.printf("1 worker%n  %s%n  %s%n%d workers%n  %s%n  %s%n", one.first(), one.second(), workers,
                many.first(), many.second());

        double addedP50 = one.second().p50Ms() - one.first().p50Ms();
        double addedP99 = one.second().p99Ms() - one.first().p99Ms();
        double ratio = many.second().perSecond() / many.first().perSecond();
        List<Double> pairs = many.pairRatios();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "gateway");
        report.put("at", Instant.now().toString());
        report.put("request", "GET /api/v1/portals/{id} with a bearer JWT, 50 orgs round robin");
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, load generator on the same machine");
        report.put("method", "direct and gateway alternate every " + sliceMillis + " ms over " + slices
                + " slices; latency with 1 worker, throughput with " + workers);
        report.put("addedP50Ms", LoadRun.round(addedP50));
        report.put("addedP99Ms", LoadRun.round(addedP99));
        report.put("throughputRatio", LoadRun.round(ratio));
        report.put("throughputRatioPairs", Map.of("p25", LoadRun.round(LoadRun.quantile(pairs, 0.25)),
                "median", LoadRun.round(LoadRun.median(pairs)), "p75", LoadRun.round(LoadRun.quantile(pairs, 0.75))));
        report.put("targets", Map.of("addedP99Ms", 2.0, "throughputRatio", 0.8));
        report.put("met", addedP99 <= 2.0 && ratio >= 0.8);
        report.put("runs", List.of(Map.of("workers", 1, "direct", one.first().toMap(), "gateway", one.second().toMap()),
                Map.of("workers", workers, "direct", many.first().toMap(), "gateway", many.second().toMap())));
        Path out = Bench.write("gateway", report);
        System.out.printf("%ngateway added latency: p50 %+.2f ms, p99 %+.2f ms (target ≤ 2 ms); throughput %.1f%% of direct "
                + "(target ≥ 80 %%; pairs of slices: median %.1f%%, middle half %.1f–%.1f%%)%nwritten to %s%n",
                addedP50, addedP99, ratio * 100, LoadRun.median(pairs) * 100, LoadRun.quantile(pairs, 0.25) * 100,
                LoadRun.quantile(pairs, 0.75) * 100, out.toAbsolutePath());
    }

    private static HttpRequest get(String base, String[] target) {
        return HttpRequest.newBuilder(URI.create(base + target[1])).header("Authorization", "Bearer " + target[0])
                .timeout(Duration.ofSeconds(10)).GET().build();
    }
}
