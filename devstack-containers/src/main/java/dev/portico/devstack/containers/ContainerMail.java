package dev.portico.devstack.containers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** GreenMail (SMTP and the web API the tests read mail with) in a container: the devstack's mail catcher. */
public final class ContainerMail {

    static final String IMAGE = "greenmail/standalone:2.1.13";
    static final int SMTP_PORT = 3025;
    static final int API_PORT = 8080;

    private ContainerMail() {
    }

    @SuppressWarnings("resource")
    public static GenericContainer<?> create() {
        return new GenericContainer<>(IMAGE)
                .withEnv("GREENMAIL_OPTS", "-Dgreenmail.setup.test.smtp -Dgreenmail.hostname=0.0.0.0 "
                        + "-Dgreenmail.auth.disabled -Dgreenmail.api.hostname=0.0.0.0 -Dgreenmail.api.port=" + API_PORT)
                .withExposedPorts(SMTP_PORT, API_PORT)
                .waitingFor(Wait.forHttp("/api/service/readiness").forPort(API_PORT)
                        .withStartupTimeout(Duration.ofSeconds(60)));
    }

    public static Map<String, String> settings(String host, int smtpPort, int apiPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("PORTICO_SMTP", host + ":" + smtpPort);
        settings.put("PORTICO_MAIL_API", "http://" + host + ":" + apiPort);
        return settings;
    }

    public static Map<String, String> settings(GenericContainer<?> started) {
        return settings(started.getHost(), started.getMappedPort(SMTP_PORT), started.getMappedPort(API_PORT));
    }
}
