package dev.portico.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.devstack.TokenCli;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * DESIGN §8 faults, the fuller form (the short one is {@code FaultToleranceTest} in {@code bin/portico test}): one
 * bulk invite of {@code PORTICO_BENCH_RECORDS} (default 2,000) records per scenario, and in its middle (once a fifth
 * of the job has settled) one fault:
 * <ul>
 * <li>{@code kill-<service>}: kill -9 of each of the five services in turn, started again at once with the same
 * command line, environment and working directory (its pid file under {@code .portico/pids} updated, its log
 * appended to);
 * <li>{@code kafka-restart}: the devstack's broker shut down and started again ({@code .portico/kafka.restart});
 * <li>{@code postgres-restart}: the postmaster stopped as {@code pg_ctl stop -m fast} would (SIGINT) and started
 * again from its own command line;
 * <li>{@code smtp-down-30s}: the mail server killed, kept down 30 s, started again.
 * </ul>
 * Reports per scenario the job's counts, the time from the request to COMPLETED, and how many mails each recipient
 * holds (exactly one expected); writes {@code system-tests/target/bench/faults.json}. Runs against
 * {@code bin/portico up}'s stack on its default ports; {@code PORTICO_FAULTS} picks scenarios (comma separated).
 * It kills and restarts the processes of that stack: never point it at a stack someone else relies on.
 */
public final class FaultsBenchmark {

    private static final List<String> SERVICES = List.of("portal-config-service", "portal-user-service",
            "invitation-service", "auto-invite-service", "api-gateway");
    /** Each service's management port (health) in the stack of {@code bin/portico up}. */
    private static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("portal-config-service", 9081,
            "portal-user-service", 9082, "invitation-service", 9083, "auto-invite-service", 9084, "api-gateway", 9080);

    private final String api = Bench.env("PORTICO_GATEWAY_URL", "http://127.0.0.1:8080") + "/api/v1";
    private final String mail = Bench.env("PORTICO_MAIL_API", "http://127.0.0.1:8025");
    private final Path home = Path.of(Bench.env("PORTICO_HOME", Stack.root().resolve(".portico").toString()));
    private final int records = Integer.parseInt(Bench.env("PORTICO_BENCH_RECORDS", "2000"));
    private final int pgPort = Integer.parseInt(Bench.env("PORTICO_PG_PORT", "55432"));

    private FaultsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        new FaultsBenchmark().run();
    }

    private void run() throws Exception {
        List<String> scenarios = new ArrayList<>();
        SERVICES.forEach(s -> scenarios.add("kill-" + s));
        scenarios.addAll(List.of("kafka-restart", "postgres-restart", "smtp-down-30s"));
        String only = Bench.env("PORTICO_FAULTS", "");
        if (!only.isBlank()) {
            scenarios.retainAll(Arrays.asList(only.split("\\s*,\\s*")));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        boolean allMet = true;
        for (String scenario : scenarios) {
            Map<String, Object> result;
            try {
                result = scenario(scenario);
            } catch (Exception e) {
                result = new LinkedHashMap<>();
                result.put("scenario", scenario);
                result.put("error", e.toString());
                result.put("met", false);
            }
            allMet &= Boolean.TRUE.equals(result.get("met"));
            results.add(result);
            System.out.println("faults: " + Bench.JSON.writeValueAsString(result));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "faults");
        report.put("at", Instant.now().toString());
        report.put("recordsPerScenario", records);
        report.put("scenarios", results);
        report.put("met", allMet);
        System.out.printf("faults: %d scenarios, %s; written to %s%n", results.size(),
                allMet ? "every job exact and every recipient with exactly one mail" : "NOT ALL MET (see above)",
                Bench.write("faults", report).toAbsolutePath());
    }

    private Map<String, Object> scenario(String scenario) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String org = "faults-" + run;
        String token = TokenCli.sign(org, "org.admin portal.config portal.users crm.events", "bench", Duration.ofHours(2));
        Bench.send("PUT", api + "/org", token, "{\"name\":\"Faults " + run + "\",\"edition\":\"ENTERPRISE\"}", 200);
        String portal = Bench.json(Bench.send("POST", api + "/portals", token,
                "{\"name\":\"Faults\",\"module\":\"Contacts\",\"slug\":\"faults-" + run + "\"}", 201)).get("id").asText();
        String type = Bench.json(Bench.send("GET", api + "/portals/" + portal + "/user-types", token, null, 200))
                .get("items").get(0).get("id").asText();
        List<String> ids = new ArrayList<>();
        for (int start = 0; start < records; start += 1000) {
            StringBuilder events = new StringBuilder("{\"events\":[");
            for (int i = start; i < Math.min(records, start + 1000); i++) {
                ids.add("f-" + i);
                events.append(i == start ? "" : ",").append("{\"eventId\":\"").append(UUID.randomUUID())
                        .append("\",\"orgId\":\"").append(org).append("\",\"module\":\"Contacts\",\"recordId\":\"f-")
                        .append(i).append("\",\"operation\":\"CREATED\",\"version\":1,\"record\":{\"Full_Name\":")
                        .append("\"Fault Person ").append(i).append("\",\"Email\":\"").append(email(run, i)).append("\"}}");
            }
            Bench.send("POST", api + "/crm/events", token, events.append("]}").toString(), 202);
        }
        awaitKnown(token, ids);

        Instant start = Instant.now();
        StringBuilder body = new StringBuilder("{\"userTypeId\":\"" + type + "\",\"recordIds\":[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "\"" : ",\"").append(ids.get(i)).append('"');
        }
        String job = Bench.json(Bench.send("POST", api + "/portals/" + portal + "/invitations", token,
                body.append("]}").toString(), 202)).get("id").asText();
        // in the middle: once a fifth has settled (or after 10 s, whichever comes first)
        int settledAtFault = 0;
        while (Duration.between(start, Instant.now()).toSeconds() < 10) {
            settledAtFault = settled(token, job);
            if (settledAtFault >= records / 5) {
                break;
            }
            Thread.sleep(50);
        }
        long faultAtMs = Duration.between(start, Instant.now()).toMillis();
        Instant faultStart = Instant.now();
        inject(scenario);
        long faultMs = Duration.between(faultStart, Instant.now()).toMillis();

        JsonNode state = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            try {
                state = Bench.json(Bench.send("GET", api + "/jobs/" + job, token, null, 200));
                if ("COMPLETED".equals(state.get("status").asText())) {
                    break;
                }
            } catch (Exception notBackYet) {
                // a service on the way is still starting
            }
            Thread.sleep(250);
        }
        long completedMs = Duration.between(start, Instant.now()).toMillis();
        boolean completed = state != null && "COMPLETED".equals(state.get("status").asText());

        // GreenMail keeps mail in memory: what it had accepted before it was killed is gone. For that scenario, a
        // mail SENT (per the invitation log) before the kill must be absent from the new server (not sent twice),
        // one SENT once it was back must be there exactly once, and none may be SENT while it was down. A mail is
        // SENT as of the moment its sender read the server's acceptance, which for a mail accepted just before the
        // kill can fall just after it: within KILL_GRACE of the kill it counts as accepted by the old server.
        boolean mailRestarted = scenario.equals("smtp-down-30s");
        Map<String, Instant> sentAt = mailRestarted ? sentAt(token, portal) : Map.of();
        Map<String, Integer> byPhase = new TreeMap<>();
        Map<Integer, Integer> mailsPerRecipient = new TreeMap<>();
        List<String> notOne = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            JsonNode inbox = Bench.inbox(mail, email(run, i));
            int count = inbox.size();
            if (mailRestarted) {
                Instant at = sentAt.get(email(run, i));
                String phase = at == null ? "notSent" : at.isBefore(mailDownAt) ? "sentBeforeOutage"
                        : at.isBefore(mailDownAt.plus(KILL_GRACE)) ? "sentAsItWentDown"
                        : at.isBefore(mailBackAt) ? "sentDuringOutage" : "sentAfterOutage";
                byPhase.merge(phase + "=" + count + "mail", 1, Integer::sum);
                // a mail sent before the outage went down with the old server: count it as the one it had
                count += phase.equals("sentBeforeOutage") || phase.equals("sentAsItWentDown") ? 1 : 0;
            }
            mailsPerRecipient.merge(count, 1, Integer::sum);
            if (count != 1 && notOne.size() < 20) {
                notOne.add(email(run, i) + "=" + count);
            }
        }
        int succeeded = state == null ? -1 : state.get("succeeded").asInt();
        int failed = state == null ? -1 : state.get("failed").asInt();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", scenario);
        result.put("records", records);
        result.put("settledWhenFaulted", settledAtFault);
        result.put("faultAtMs", faultAtMs);
        result.put("faultTookMs", faultMs);
        result.put("completed", completed);
        result.put("completedMs", completedMs);
        result.put("succeeded", succeeded);
        result.put("failed", failed);
        result.put("recipientsByMailCount", mailsPerRecipient);
        result.put("recipientsNotWithOneMail", notOne);
        if (mailRestarted) {
            result.put("mailsByWhenSent", byPhase);
        }
        result.put("met", completed && succeeded == records && failed == 0
                && mailsPerRecipient.equals(Map.of(1, records)));
        return result;
    }

    private int settled(String token, String job) throws Exception {
        JsonNode state = Bench.json(Bench.send("GET", api + "/jobs/" + job, token, null, 200));
        return state.get("succeeded").asInt() + state.get("failed").asInt();
    }

    private void inject(String scenario) throws Exception {
        if (scenario.startsWith("kill-")) {
            killAndRestart(scenario.substring("kill-".length()));
        } else if (scenario.equals("kafka-restart")) {
            Path request = home.resolve("kafka.restart");
            Path done = home.resolve("kafka.restarted");
            Files.deleteIfExists(done);
            Files.writeString(request, "0\n");
            awaitFile(done, Duration.ofSeconds(120), "the devstack's Kafka restart (log: .portico/logs/devstack.log)");
        } else if (scenario.equals("postgres-restart")) {
            restartPostgres();
        } else if (scenario.equals("smtp-down-30s")) {
            smtpDown(Duration.ofSeconds(30));
        } else {
            throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    /** kill -9, then the same command line, environment and working directory again; returns once it is ready. */
    private void killAndRestart(String service) throws Exception {
        Path pidFile = home.resolve("pids").resolve(service + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Relaunch relaunch = Relaunch.of(pid);
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(service + " is not running"));
        handle.destroyForcibly();
        handle.onExit().get(30, TimeUnit.SECONDS);
        long newPid = relaunch.start(home.resolve("logs").resolve(service + ".log"),
                "killed with SIGKILL by bin/portico bench faults and started again");
        Files.writeString(pidFile, newPid + "\n");
        Instant deadline = Instant.now().plusSeconds(180);
        while (!ready("http://127.0.0.1:" + MANAGEMENT_PORTS.get(service) + "/q/health/ready")) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(service + " was not ready again within 180 s");
            }
            Thread.sleep(250);
        }
    }

    private void restartPostgres() throws Exception {
        long postmaster = -1;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                List<String> args = Relaunch.commandLine(Long.parseLong(name));
                int at = args.indexOf("-p");
                if (!args.isEmpty() && args.get(0).endsWith("/bin/postgres") && at >= 0 && at + 1 < args.size()
                        && args.get(at + 1).equals(String.valueOf(pgPort))) {
                    postmaster = Long.parseLong(name);
                }
            }
        }
        if (postmaster < 0) {
            throw new IllegalStateException("no postmaster serves port " + pgPort);
        }
        Relaunch relaunch = Relaunch.of(postmaster);
        if (Relaunch.isRoot()) {
            relaunch = relaunch.prefixed("unshare", "-U"); // as zonky started it: PostgreSQL refuses to run as root
        }
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
        new ProcessBuilder("kill", "-INT", Long.toString(postmaster)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        handle.onExit().get(60, TimeUnit.SECONDS);
        relaunch.start(home.resolve("logs").resolve("postgres-restarts.log"), "restarted by bin/portico bench faults");
        awaitPort(pgPort, Duration.ofSeconds(60), "PostgreSQL");
    }

    /**
     * How long after the mail server's kill a mail may still be recorded SENT by the old server's acceptance: the
     * time the server's reply takes to reach its sender (milliseconds; more on a saturated machine).
     */
    private static final Duration KILL_GRACE = Duration.ofMillis(250);

    /** When the mail server was killed and when it served again (for the smtp-down scenario's mail count). */
    private Instant mailDownAt;
    private Instant mailBackAt;

    private void smtpDown(Duration down) throws Exception {
        Path ready = home.resolve("devstack.ready");
        String content = Files.readString(ready);
        long pid = Long.parseLong(content.replaceAll("(?s).*GREENMAIL_PID=(\\d+).*", "$1"));
        Relaunch relaunch = Relaunch.of(pid);
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no mail server"));
        mailDownAt = Instant.now();
        handle.destroyForcibly();
        handle.onExit().get(30, TimeUnit.SECONDS);
        Thread.sleep(down.toMillis());
        long newPid = relaunch.start(home.resolve("logs").resolve("greenmail.log"), "restarted by bin/portico bench faults");
        // bin/portico down stops the mail server by this pid once the devstack is gone
        Files.writeString(ready, content.replaceAll("GREENMAIL_PID=\\d+", "GREENMAIL_PID=" + newPid));
        Instant deadline = Instant.now().plusSeconds(60);
        while (!ready(mail + "/api/service/readiness")) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the mail server was not back within 60 s");
            }
            Thread.sleep(200);
        }
        mailBackAt = Instant.now();
    }

    /** Each invited address's sentAt, from the invitation log (200 a page). */
    private Map<String, Instant> sentAt(String token, String portal) throws Exception {
        Map<String, Instant> sent = new LinkedHashMap<>();
        for (int page = 0; page <= records / 200 + 1; page++) {
            JsonNode items = Bench.json(Bench.send("GET", api + "/portals/" + portal + "/invitations?size=200&page=" + page,
                    token, null, 200)).get("items");
            for (JsonNode item : items) {
                JsonNode at = item.get("sentAt");
                if (at != null && !at.isNull()) {
                    sent.put(item.get("email").asText(), Instant.parse(at.asText()));
                }
            }
        }
        return sent;
    }

    private static boolean ready(String url) {
        try {
            return Bench.status("GET", url, null) == 200;
        } catch (Exception notYet) {
            return false; // not listening yet
        }
    }

    private void awaitKnown(String token, List<String> ids) throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        for (String id : ids) {
            while (Bench.status("GET", api + "/records/Contacts/" + id, token) != 200) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("record " + id + " never reached portal-user-service");
                }
                Thread.sleep(100);
            }
        }
    }

    private static void awaitFile(Path file, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!Files.exists(file)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " did not finish within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    private static void awaitPort(int port, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(what + " did not listen on " + port + " within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    private static String email(String run, int i) {
        return "faults-" + run + "-" + i + "@bench.example";
    }

    /** A process's command line, environment and working directory, read from /proc, to start it again. */
    private record Relaunch(List<String> command, Map<String, String> environment, Path workingDirectory) {

        static Relaunch of(long pid) throws IOException {
            List<String> command = commandLine(pid);
            if (command.isEmpty()) {
                throw new IllegalStateException("cannot read the command line of " + pid);
            }
            Map<String, String> env = new LinkedHashMap<>();
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            for (String entry : new String(raw, StandardCharsets.UTF_8).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
            return new Relaunch(command, env, cwd);
        }

        Relaunch prefixed(String... prefix) {
            List<String> longer = new ArrayList<>(Arrays.asList(prefix));
            longer.addAll(command);
            return new Relaunch(longer, environment, workingDirectory);
        }

        /** Starts it detached (its own session, output appended to the log); returns its pid. */
        long start(Path log, String note) throws Exception {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n==== " + note + " at " + Instant.now() + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            StringBuilder shell = new StringBuilder("setsid");
            for (String arg : command) {
                shell.append(" '").append(arg.replace("'", "'\\''")).append('\'');
            }
            shell.append(" </dev/null >>'").append(log.toString().replace("'", "'\\''")).append("' 2>&1 & echo $!");
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", shell.toString())
                    .directory(workingDirectory.toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process launcher = builder.start();
            String out = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            launcher.waitFor(10, TimeUnit.SECONDS);
            long pid = Long.parseLong(out);
            // unshare and setsid exec what they run: the pid stays that of the process itself
            return pid;
        }

        static List<String> commandLine(long pid) {
            try {
                byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
                return raw.length == 0 ? List.of()
                        : new ArrayList<>(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
            } catch (IOException | SecurityException e) {
                return List.of();
            }
        }

        static boolean isRoot() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** The project root (where mvnw is), for the default PORTICO_HOME. */
    private static final class Stack {
        static Path root() {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
                dir = dir.getParent();
            }
            return dir == null ? Path.of("") : dir;
        }
    }
}
