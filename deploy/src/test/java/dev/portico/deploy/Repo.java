package dev.portico.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository as the deploy tests read it: the services, their settings and the files under deploy/. */
final class Repo {

    static final List<String> SERVICES = List.of("portal-config-service", "portal-user-service", "invitation-service",
            "auto-invite-service", "api-gateway");

    /** The shared defaults every service reads besides its own application.properties. */
    static final Path KIT_CONFIG = Path.of("service-kit/src/main/resources/META-INF/microprofile-config.properties");

    private static final Pattern PORTICO_VARIABLE = Pattern.compile("\\$\\{(PORTICO_[A-Z0-9_]+)");

    private Repo() {
    }

    /** The repository root: the tests run in deploy/. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy/k8s"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + here);
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration files a service reads: its own and the kit's shared defaults. */
    static List<Path> configFiles(String service) {
        return List.of(root().resolve(service).resolve("src/main/resources/application.properties"),
                root().resolve(KIT_CONFIG));
    }

    /** Every {@code PORTICO_*} variable a service's configuration refers to ({@code ${PORTICO_X:default}}). */
    static Set<String> variablesReadBy(String service) {
        Set<String> names = new TreeSet<>();
        for (Path file : configFiles(service)) {
            names.addAll(variablesIn(read(file)));
        }
        return names;
    }

    static Set<String> variablesIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PORTICO_VARIABLE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static Set<String> variablesReadByAnyService() {
        Set<String> names = new TreeSet<>();
        SERVICES.forEach(service -> names.addAll(variablesReadBy(service)));
        return names;
    }

    /** The topics a service's SmallRye channels name ({@code mp.messaging.*.topic}). */
    static Set<String> channelTopics(String service) {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(configFiles(service).get(0))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> topics = new TreeSet<>();
        properties.stringPropertyNames().stream()
                .filter(name -> name.startsWith("mp.messaging.") && name.endsWith(".topic"))
                .forEach(name -> topics.add(properties.getProperty(name).trim()));
        return topics;
    }

    /** Java sources of the main code of every module (to find topic names written as literals). */
    static List<Path> mainSources() {
        List<Path> sources = new java.util.ArrayList<>();
        try (Stream<Path> modules = Files.list(root())) {
            for (Path module : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(module)) {
                    files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}
