package dev.portico.kit.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code bin/portico token} implementation (devstack's TokenCli) and returns what it prints. */
public final class DevTokenCli {

    private DevTokenCli() {
    }

    public static String token(String org, String scope) {
        Path jar = locateDevstackJar();
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", jar.toString(), "dev.portico.devstack.TokenCli", "--org", org, "--scope", scope)
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("token command failed: " + out);
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot run the token command from " + jar, e);
        }
    }

    private static Path locateDevstackJar() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path jar = dir.resolve("devstack/target/devstack.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("devstack/target/devstack.jar not found: build it (bin/portico test does)");
    }
}
