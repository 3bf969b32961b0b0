package dev.portico.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.devstack.TokenCli;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * DESIGN §8 auto-invite targets, measured as a CRM sees them: record changes published on {@code crm.record-changed},
 * invite requests read back from {@code portal.invite-requested}. The org has 50 enabled configurations, tried
 * oldest first: 49 whose common condition never holds, then one every record meets, so each change is evaluated
 * against all 50.
 * <ul>
 *   <li>latency: changes at a fixed arrival rate (500/s; each one's time is when it was due, not when it was
 *   sent, so a stalled publisher cannot hide delays), p50/p99/max of due → request read;</li>
 *   <li>throughput: a burst published as fast as possible, events/s until the last request is read.</li>
 * </ul>
 * The org is a trial (10 users per portal): the requests the benchmark causes are refused by portal-user-service's
 * gate after ten seats instead of sending thousands of mails. Needs {@code bin/portico up}; writes
 * {@code system-tests/target/bench/auto-invite.json}.
 */
public final class AutoInviteBenchmark {

    private AutoInviteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String api = Bench.env("PORTICO_GATEWAY_URL", "http://127.0.0.1:8080") + "/api/v1";
        String kafka = Bench.env("PORTICO_KAFKA", "127.0.0.1:59092");
        int rate = Integer.parseInt(Bench.env("PORTICO_BENCH_RATE", "500"));
        int seconds = Integer.parseInt(Bench.env("PORTICO_BENCH_SECONDS", "20"));
        int burst = Integer.parseInt(Bench.env("PORTICO_BENCH_BURST", "20000"));
        int warmUpSeconds = Integer.parseInt(Bench.env("PORTICO_BENCH_WARMUP_SECONDS", "10"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String org = "auto-" + run;
        String token = TokenCli.sign(org, "org.admin portal.config portal.users crm.events", "bench", Duration.ofHours(2));

        Bench.send("PUT", api + "/org", token, "{\"name\":\"Auto " + run + "\",\"edition\":\"FREE\","
                + "\"trial\":{\"edition\":\"ENTERPRISE\"}}", 200);
        String portal = Bench.json(Bench.send("GET", api + "/portals", token, null, 200)).get("items").get(0)
                .get("id").asText();
        String type = Bench.json(Bench.send("GET", api + "/portals/" + portal + "/user-types", token, null, 200))
                .get("items").get(0).get("id").asText();
        for (int i = 0; i < 49; i++) {
            config(api, token, portal, type, "never " + i,
                    "{\"field\":\"Full_Name\",\"op\":\"starts_with\",\"value\":\"Nobody " + i + "\"}");
        }
        config(api, token, portal, type, "everyone", "{\"field\":\"Email\",\"op\":\"ends_with\",\"value\":\"@bench.example\"}");

        try (KafkaProducer<String, String> producer = producer(kafka);
                Requests requests = new Requests(kafka, org)) {
            // warm-up at the measured rate: the first changes compile the configurations, and the services' and this
            // client's JIT compilers are done before measuring starts instead of taking the CPU from it
            Map<String, Long> warm = new ConcurrentHashMap<>();
            publish(producer, org, "warm-" + run, rate * warmUpSeconds, rate, warm);
            requests.await(warm, Duration.ofSeconds(60));

            Map<String, Long> due = new ConcurrentHashMap<>();
            int events = rate * seconds;
            publish(producer, org, "lat-" + run, events, rate, due);
            Map<String, Long> seen = requests.await(due, Duration.ofSeconds(60));
            long[] latencies = due.entrySet().stream().filter(e -> seen.containsKey(e.getKey()))
                    .mapToLong(e -> seen.get(e.getKey()) - e.getValue()).sorted().toArray();

            Map<String, Long> burstDue = new ConcurrentHashMap<>();
            Map<String, Double> cpuBefore = Bench.cpuSeconds();
            long start = System.nanoTime();
            publish(producer, org, "burst-" + run, burst, 0, burstDue);
            Map<String, Long> burstSeen = requests.await(burstDue, Duration.ofSeconds(180));
            long last = burstSeen.values().stream().mapToLong(Long::longValue).max().orElse(start);
            double burstSeconds = (last - start) / 1e9;
            Map<String, Double> cpu = Bench.cpuSpent(cpuBefore, Bench.cpuSeconds());
            double perSecond = burstSeen.size() / burstSeconds;

            Map<String, Object> report = new LinkedHashMap<>();
            report.put("benchmark", "auto-invite");
            report.put("at", Instant.now().toString());
            report.put("configurations", 50);
            Map<String, Double> stages = stages(due, requests.stages, 50);
            Map<String, Double> tailStages = stages(due, requests.stages, 99);
            report.put("latency", Map.of("rate", rate, "events", events, "requested", latencies.length,
                    "p50Ms", percentile(latencies, 50), "p99Ms", percentile(latencies, 99),
                    "maxMs", latencies.length == 0 ? -1 : latencies[latencies.length - 1] / 1_000_000.0,
                    "medianStages", stages, "p99Stages", tailStages));
            report.put("throughput", Map.of("events", burst, "requested", burstSeen.size(),
                    "seconds", burstSeconds, "eventsPerSecond", Math.round(perSecond), "cpuSeconds", cpu));
            report.put("duplicateRequests", requests.duplicates.get());
            report.put("peakRssMb", Bench.peakRssMb());
            report.put("target", Map.of("eventsPerSecond", 2000, "p99Ms", 100));
            report.put("met", burstSeen.size() == burst && perSecond >= 2000 && latencies.length == events
                    && percentile(latencies, 99) <= 100);
            System.out.printf("auto-invite, 50 configurations: at %d events/s for %d s, %d of %d requested, p50 %.1f ms, "
                            + "p99 %.1f ms (target ≤ 100 ms), median stages %s, p99 stages %s; burst of %d: %d requested in %.1f s = %d events/s "
                            + "(target ≥ 2,000), CPU seconds %s; peak RSS %s%nwritten to %s%n",
                    rate, seconds, latencies.length, events, percentile(latencies, 50), percentile(latencies, 99), stages, tailStages, burst,
                    burstSeen.size(), burstSeconds, Math.round(perSecond), cpu, Bench.peakRssMb(),
                    Bench.write("auto-invite", report).toAbsolutePath());
        }
    }

    private static void config(String api, String token, String portal, String type, String name, String condition)
            throws Exception {
        Bench.send("POST", api + "/portals/" + portal + "/auto-invites", token, "{\"name\":\"" + name
                + "\",\"userTypeId\":\"" + type + "\",\"triggers\":[\"CREATE\",\"UPDATE\"],\"commonCondition\":"
                + condition + ",\"languageMode\":\"SINGLE\",\"rules\":[{\"language\":\"en\"}],\"enabled\":true}", 201);
    }

    /**
     * Publishes {@code count} changes of new records, {@code rate} per second (0: as fast as possible); records each
     * one's due time (nanoTime) under its record id.
     */
    private static void publish(KafkaProducer<String, String> producer, String org, String prefix, int count, int rate,
            Map<String, Long> due) {
        long start = System.nanoTime();
        long interval = rate == 0 ? 0 : 1_000_000_000L / rate;
        for (int i = 0; i < count; i++) {
            long at = start + i * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String id = prefix + "-" + i;
            due.put(id, rate == 0 ? System.nanoTime() : at);
            String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"RECORD_CHANGED\",\"orgId\":\"" + org
                    + "\",\"occurredAt\":\"" + Instant.now() + "\",\"module\":\"Contacts\",\"recordId\":\"" + id
                    + "\",\"operation\":\"CREATED\",\"version\":1,\"record\":{\"Full_Name\":\"Person " + i
                    + "\",\"Email\":\"" + id + "@bench.example\"},\"changedFields\":[],"
                    + "\"state\":{\"approval\":\"NONE\",\"review\":\"NONE\",\"consent\":\"NOT_REQUIRED\"}}";
            producer.send(new ProducerRecord<>("crm.record-changed", org + "/Contacts/" + id, json));
        }
        producer.flush();
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }

    private static KafkaProducer<String, String> producer(String kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** Wall-clock nanoseconds minus nanoTime: turns a wall-clock instant into this process's nanoTime. */
    private static final long WALL_MINUS_NANO = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");

    private static long evaluatedAt(String json) {
        Matcher m = OCCURRED_AT.matcher(json);
        if (!m.find()) {
            return Long.MIN_VALUE;
        }
        Instant at = Instant.parse(m.group(1));
        return at.getEpochSecond() * 1_000_000_000L + at.getNano() - WALL_MINUS_NANO;
    }

    /**
     * The given percentile, in milliseconds, of each stage for these records: CRM event to evaluated by
     * auto-invite-service, evaluated to relayed to Kafka (commit, outbox relay), relayed to read here.
     */
    private static Map<String, Double> stages(Map<String, Long> due, Map<String, long[]> stages, int p) {
        List<long[]> rows = due.keySet().stream().filter(stages::containsKey)
                .map(id -> new long[] {due.get(id), stages.get(id)[0], stages.get(id)[1], stages.get(id)[2]})
                .filter(r -> r[1] != Long.MIN_VALUE).toList();
        Map<String, Double> byStage = new LinkedHashMap<>();
        String[] names = {"toEvaluatedMs", "toRelayedMs", "toReadMs"};
        for (int k = 0; k < names.length; k++) {
            int from = k;
            long[] spans = rows.stream().mapToLong(r -> r[from + 1] - r[from]).sorted().toArray();
            byStage.put(names[k], Math.round(percentile(spans, p) * 10) / 10.0);
        }
        return byStage;
    }

    /** Reads portal.invite-requested from its end, noting when each of the org's requests was read. */
    private static final class Requests implements AutoCloseable {

        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final Map<String, long[]> stages = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger duplicates = new AtomicInteger();
        private final Thread reader;

        Requests(String kafka, String org) throws InterruptedException {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor("portal.invite-requested").forEach(p -> partitions.add(new TopicPartition(p.topic(),
                    p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            String prefix = org + "/";
            reader = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                            if (record.key() != null && record.key().startsWith(prefix)) {
                                String id = record.key().substring(record.key().lastIndexOf('/') + 1);
                                long now = System.nanoTime();
                                if (seen.putIfAbsent(id, now) != null) {
                                    duplicates.incrementAndGet();
                                } else {
                                    // where the time went: evaluated (the request's occurredAt), relayed (its Kafka
                                    // timestamp), read (now); as nanoTime, like the due times
                                    stages.put(id, new long[] {evaluatedAt(record.value()), record.timestamp()
                                            * 1_000_000L - WALL_MINUS_NANO, now});
                                }
                            }
                        }
                    }
                }
            }, "invite-requests");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits until a request was read for every one of these records (or the time is up); what was read. */
        Map<String, Long> await(Map<String, Long> due, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && !seen.keySet().containsAll(due.keySet())) {
                Thread.sleep(50);
            }
            Map<String, Long> got = new LinkedHashMap<>();
            due.keySet().forEach(id -> {
                Long at = seen.get(id);
                if (at != null) {
                    got.put(id, at);
                }
            });
            return got;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            reader.join(5000);
        }
    }
}
