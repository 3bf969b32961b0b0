package dev.portico.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The committed development key is trusted by tests and the embedded local stack only. */
class DevKeyTrustTest {

    private static final String KEY = "mp.jwt.verify.publickey.location";
    private static final String DEV_KEY = "META-INF/portico/dev-jwt-public.pem";

    @Test
    void onlyLocalDevAndTestTrustTheDevelopmentKeyAndAConfiguredKeyAlwaysWins() throws Exception {
        assertThat(location("prod", Map.of())).isEmpty();
        assertThat(location("local", Map.of())).contains(DEV_KEY);
        assertThat(location("dev", Map.of())).contains(DEV_KEY);
        assertThat(location("test", Map.of())).contains(DEV_KEY);
        Map<String, String> configured = Map.of("PORTICO_JWT_PUBLIC_KEY_LOCATION", "file:/etc/portico/jwt.pem");
        assertThat(location("prod", configured)).contains("file:/etc/portico/jwt.pem");
        assertThat(location("local", configured)).contains("file:/etc/portico/jwt.pem");
    }

    @Test
    void upWithExternalInfrastructureAndNoKeyRefusesToStart() throws Exception {
        Path home = Files.createTempDirectory("portico-home");
        ProcessBuilder up = new ProcessBuilder(root().resolve("bin/portico").toString(), "up").redirectErrorStream(true);
        up.environment().remove("PORTICO_JWT_PUBLIC_KEY_LOCATION");
        up.environment().put("PORTICO_DB_URL", "jdbc:postgresql://db.example:5432/portico");
        up.environment().put("PORTICO_HOME", home.toString());
        Process process = up.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(out).contains("PORTICO_JWT_PUBLIC_KEY_LOCATION").contains("trusted only on the embedded stack");
        try (var started = Files.list(home)) {
            assertThat(started).as("nothing was started").isEmpty();
        }
    }

    private static Optional<String> location(String profile, Map<String, String> environment) throws Exception {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(
                        Path.of("src/main/resources/META-INF/microprofile-config.properties").toUri().toURL(), 100))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
        return config.getOptionalValue(KEY, String.class);
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("bin/portico"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root").isNotNull();
        return dir;
    }
}
