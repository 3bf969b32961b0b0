package dev.portico.system;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/openapi.json}, from which the build generates the Java client ({@code dev.portico.client}, used by
 * {@link OpenApiClientTest}) and front ends generate theirs, is exactly the document the gateway merges from
 * the services as built. Run with {@code -Dportico.openapi.update=true} to rewrite it from the live document.
 */
class OpenApiSnapshotTest {

    static final String REFRESH = "bin/portico test -pl system-tests -am -Dtest=OpenApiSnapshotTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dportico.openapi.update=true";

    @Test
    void snapshotIsTheDocumentTheGatewayServes() throws Exception {
        String live = OpenApiDocument.text(OpenApiDocument.live());
        Path snapshot = OpenApiDocument.snapshot();
        if (Boolean.getBoolean("portico.openapi.update")) {
            Files.writeString(snapshot, live);
        }
        String committed = Files.isRegularFile(snapshot) ? Files.readString(snapshot) : "";
        if (!committed.equals(live)) {
            fail("docs/openapi.json differs from the document the gateway serves (system-tests/target/openapi.json)"
                    + firstDifference(committed, live) + "\nIf the API change is intended, refresh the snapshot "
                    + "(then rebuild, so that the generated client follows) and commit it:\n  " + REFRESH);
        }
    }

    private static String firstDifference(String committed, String live) {
        List<String> a = committed.lines().toList();
        List<String> b = live.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end of file>";
            String right = i < b.size() ? b.get(i) : "<end of file>";
            if (!left.equals(right)) {
                return ", first at line " + (i + 1) + ":\n  snapshot: " + left.strip() + "\n  live:     " + right.strip();
            }
        }
        return "";
    }
}
