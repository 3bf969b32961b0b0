package dev.portico.devstack;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GreenMail (SMTP plus its REST API) as a child process: its standalone jar bundles Jackson and Jersey
 * versions that would clash with the broker's. Mail is kept in memory; it is a development sink.
 */
final class MailServer implements AutoCloseable {

    /** Beside the standalone jar (devstack/pom.xml builds it there). */
    static final String PATCH_JAR = "devstack-greenmail-patch.jar";

    private final Process process;
    private final int apiPort;

    private MailServer(Process process, int apiPort) {
        this.process = process;
        this.apiPort = apiPort;
    }

    /** Launches the server and returns at once: {@link #awaitReady()} waits until it serves. */
    static MailServer start(Path jar, Path logDir, int smtpPort, int apiPort) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("GreenMail jar not found at " + jar + " (build devstack first)");
        }
        // GreenMail's own mailbox folder looks each recipient's mailbox up among all of them: the patched class
        // (com.icegreen.greenmail.store.HierarchicalFolder, in the patch jar devstack builds) comes first and
        // replaces it
        Path patch = jar.resolveSibling(PATCH_JAR);
        if (!Files.isRegularFile(patch)) {
            throw new IllegalStateException("GreenMail patch " + patch + " not found (build devstack first)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.createDirectories(logDir);
        Process process = new ProcessBuilder(List.of(java.toString(),
                "-Xmx256m",
                // Jakarta Mail looks its stream provider up with a ServiceLoader scan per message without this
                "-Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider",
                // GreenMail's logging without a line per new recipient (the file is in the patch jar)
                "-Dlog4j2.configurationFile=com/icegreen/greenmail/devstack-log4j2.xml",
                "-Dgreenmail.smtp.hostname=127.0.0.1",
                "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.api.hostname=127.0.0.1",
                "-Dgreenmail.api.port=" + apiPort,
                "-Dgreenmail.auth.disabled",
                "-Dgreenmail.startup.timeout=30000",
                "-cp", patch + File.pathSeparator + jar,
                "com.icegreen.greenmail.standalone.GreenMailStandaloneRunner"))
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("greenmail.log").toFile())
                .start();
        return new MailServer(process, apiPort);
    }

    /** Returns once the server answers on its API port (its SMTP port opens before that). */
    void awaitReady() throws InterruptedException, IOException {
        awaitApi(apiPort, Duration.ofSeconds(60));
    }

    long pid() {
        return process.pid();
    }

    private void awaitApi(int apiPort, Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("GreenMail exited with status " + process.exitValue());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + apiPort + "/api/service/readiness")
                        .toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(1000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("GreenMail did not become ready within " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
