package dev.portico.devstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Ports and data directory of one devstack instance. Read from {@code --name=value} arguments, then
 * {@code PORTICO_DEVSTACK_*} environment variables, then the defaults of DESIGN §6.
 */
record DevStackConfig(Path dataDir, int pgPort, int kafkaPort, int kafkaControllerPort, int smtpPort,
        int mailApiPort, int partitions, Path greenmailJar) {

    static DevStackConfig from(String[] args, Map<String, String> env) {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Arguments are --name=value, got: " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        java.util.function.BiFunction<String, String, String> get = (name, fallback) -> {
            String value = options.get(name);
            if (value == null) {
                value = env.get("PORTICO_DEVSTACK_" + name.toUpperCase().replace('-', '_'));
            }
            return value == null ? fallback : value;
        };
        int kafkaPort = Integer.parseInt(get.apply("kafka-port", "59092"));
        return new DevStackConfig(
                Path.of(get.apply("data-dir", ".portico")).toAbsolutePath(),
                Integer.parseInt(get.apply("pg-port", "55432")),
                kafkaPort,
                Integer.parseInt(get.apply("kafka-controller-port", String.valueOf(kafkaPort + 1))),
                Integer.parseInt(get.apply("smtp-port", "1025")),
                Integer.parseInt(get.apply("mail-api-port", "8025")),
                Integer.parseInt(get.apply("partitions", "6")),
                Path.of(get.apply("greenmail-jar", "devstack/target/greenmail/greenmail-standalone.jar")));
    }
}
