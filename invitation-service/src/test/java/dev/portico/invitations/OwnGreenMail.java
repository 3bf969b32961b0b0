package dev.portico.invitations;

import static io.restassured.RestAssured.given;

import dev.portico.kit.testing.FreePorts;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A GreenMail of the test's own (the devstack's jar, as its own process) on a port the test picks, so the
 * test can have the mail server down and bring it up without touching the devstack's.
 */
final class OwnGreenMail implements AutoCloseable {

    private final Process process;
    private final int apiPort;

    private OwnGreenMail(Process process, int apiPort) {
        this.process = process;
        this.apiPort = apiPort;
    }

    static OwnGreenMail start(int smtpPort) throws Exception {
        Path jar = Path.of("../devstack/target/greenmail/greenmail-standalone.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("GreenMail jar not found at " + jar.toAbsolutePath());
        }
        int apiPort = FreePorts.next();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx128m",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
                "-Dgreenmail.auth.disabled", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/own-greenmail.log").toFile())
                .start();
        OwnGreenMail mail = new OwnGreenMail(process, apiPort);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(
                        "http://127.0.0.1:" + apiPort + "/api/service/readiness").toURL().openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() == 200) {
                    return mail;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        mail.close();
        throw new IllegalStateException("GreenMail did not start");
    }

    List<Map<String, Object>> inbox(String email) {
        return given().baseUri("http://127.0.0.1:" + apiPort).when().get("/api/user/{email}/messages/INBOX", email)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
