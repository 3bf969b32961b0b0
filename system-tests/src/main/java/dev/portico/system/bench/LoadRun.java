package dev.portico.system.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;

/**
 * A closed load that compares two ways to the same answer (say, direct and through the gateway) under the same
 * conditions: {@code workers} threads send requests back to back, and every {@code sliceMillis} all of them switch
 * from one way to the other. On a shared machine the capacity drifts by ±20 % over tens of seconds (JIT, GC, the
 * other processes); slices of a second see the same drift on both sides, so their ratio holds still where
 * back-to-back runs of 15 s do not. A request counts for its slice only if it started and ended inside it.
 */
final class LoadRun {

    private LoadRun() {
    }

    /** What one way achieved over its slices. */
    record Side(String name, long requests, long errors, double seconds, double perSecond, double p50Ms,
            double p90Ms, double p99Ms, double maxMs, long[] perSlice) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", name);
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
            return String.format("%-10s %8.0f req/s  p50=%6.2f ms  p90=%6.2f ms  p99=%6.2f ms  errors=%d",
                    name, perSecond, p50Ms, p90Ms, p99Ms, errors);
        }
    }

    record Result(int workers, Side first, Side second) {

        /** Second over first, per pair of neighbouring slices. */
        List<Double> pairRatios() {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(first.perSlice.length, second.perSlice.length); i++) {
                if (first.perSlice[i] > 0) {
                    ratios.add((double) second.perSlice[i] / first.perSlice[i]);
                }
            }
            return ratios;
        }
    }

    /**
     * Runs {@code warmupMillis} alternating request by request (not counted), then {@code slices} slices, the
     * even ones on {@code first}, the odd ones on {@code second}; request i comes from the side's function.
     */
    static Result run(HttpClient client, int workers, String firstName, IntFunction<HttpRequest> first,
            String secondName, IntFunction<HttpRequest> second, long warmupMillis, int slices, long sliceMillis)
            throws InterruptedException {
        AtomicInteger slice = new AtomicInteger(-1);
        AtomicLong counter = new AtomicLong();
        AtomicLongArray counts = new AtomicLongArray(2 * slices);
        AtomicLongArray errors = new AtomicLongArray(2);
        List<long[]> latencies = new ArrayList<>();
        int[][] taken = new int[workers][2];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            long[] own = new long[2 * 1_000_000];
            latencies.add(own);
            int worker = w;
            Thread thread = new Thread(() -> {
                long sent = 0;
                while (true) {
                    int at = slice.get();
                    if (at >= slices) {
                        return;
                    }
                    int side = at < 0 ? (int) (sent++ % 2) : at % 2;
                    int i = (int) counter.incrementAndGet();
                    HttpRequest request = side == 0 ? first.apply(i) : second.apply(i);
                    long start = System.nanoTime();
                    boolean failed;
                    try {
                        failed = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() >= 400;
                    } catch (Exception e) {
                        failed = true;
                    }
                    long took = System.nanoTime() - start;
                    if (at < 0 || slice.get() != at) {
                        continue;
                    }
                    counts.incrementAndGet(side * slices + at);
                    if (failed) {
                        errors.incrementAndGet(side);
                    }
                    int[] mine = taken[worker];
                    if (mine[side] < own.length / 2) {
                        own[side * own.length / 2 + mine[side]++] = took;
                    }
                }
            }, "bench-" + w);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(warmupMillis);
        for (int s = 0; s < slices; s++) {
            slice.set(s);
            Thread.sleep(sliceMillis);
        }
        slice.set(slices);
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(workers, side(firstName, 0, counts, errors, latencies, taken, slices, sliceMillis),
                side(secondName, 1, counts, errors, latencies, taken, slices, sliceMillis));
    }

    private static Side side(String name, int side, AtomicLongArray counts, AtomicLongArray errors, List<long[]> latencies,
            int[][] taken, int slices, long sliceMillis) {
        long[] perSlice = new long[(slices + 1 - side) / 2];
        for (int s = side; s < slices; s += 2) {
            perSlice[s / 2] = counts.get(side * slices + s);
        }
        long requests = Arrays.stream(perSlice).sum();
        int total = 0;
        for (int[] mine : taken) {
            total += mine[side];
        }
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < taken.length; w++) {
            long[] own = latencies.get(w);
            System.arraycopy(own, side * own.length / 2, all, at, taken[w][side]);
            at += taken[w][side];
        }
        Arrays.sort(all);
        double seconds = perSlice.length * sliceMillis / 1000.0;
        return new Side(name, requests, errors.get(side), seconds, requests / seconds, pct(all, 0.50), pct(all, 0.90),
                pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, perSlice);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double quantile(List<Double> values, double q) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
