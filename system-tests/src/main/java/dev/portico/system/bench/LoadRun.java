package dev.portico.system.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** A closed-loop load: {@code workers} threads send requests back to back for a while; latencies are kept. */
final class LoadRun {

    private LoadRun() {
    }

    record Result(String name, int workers, long requests, long errors, double seconds, double perSecond,
            double p50Ms, double p90Ms, double p99Ms, double maxMs) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", name);
            map.put("workers", workers);
            map.put("requests", requests);
            map.put("errors", errors);
            map.put("seconds", round(seconds));
            map.put("requestsPerSecond", round(perSecond));
            map.put("p50Ms", round(p50Ms));
            map.put("p90Ms", round(p90Ms));
            map.put("p99Ms", round(p99Ms));
            map.put("maxMs", round(maxMs));
            return map;
        }

        @Override
        public String toString() {
            return String.format("%-28s workers=%-3d %8.0f req/s  p50=%6.2f ms  p90=%6.2f ms  p99=%6.2f ms  errors=%d",
                    name, workers, perSecond, p50Ms, p90Ms, p99Ms, errors);
        }
    }

    /** Runs {@code warmup} unmeasured, then {@code measure} measured; request i comes from {@code requests}. */
    static Result run(String name, HttpClient client, IntFunction<HttpRequest> requests, int workers,
            Duration warmup, Duration measure) throws InterruptedException {
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        long end = warmupEnd + measure.toNanos();
        AtomicLong counter = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[workers];
        for (int w = 0; w < workers; w++) {
            long[] latencies = new long[2_000_000];
            samples.add(latencies);
            int worker = w;
            Thread thread = new Thread(() -> {
                while (true) {
                    long start = System.nanoTime();
                    if (start >= end) {
                        return;
                    }
                    try {
                        HttpResponse<Void> response = client.send(
                                requests.apply((int) counter.incrementAndGet()), HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - start;
                        if (start >= warmupEnd) {
                            if (response.statusCode() >= 400) {
                                errors.incrementAndGet();
                            }
                            if (counts[worker] < latencies.length) {
                                latencies[counts[worker]++] = took;
                            }
                        }
                    } catch (Exception e) {
                        if (start >= warmupEnd) {
                            errors.incrementAndGet();
                        }
                    }
                }
            }, name + "-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < workers; w++) {
            System.arraycopy(samples.get(w), 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        double seconds = measure.toNanos() / 1e9;
        return new Result(name, workers, total, errors.get(), seconds, total / seconds,
                pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
