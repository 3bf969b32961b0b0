package dev.portico.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The compose file and the Kubernetes base run the same images, built from the services' Dockerfiles. */
class ImagesTest {

    private static final Path COMPOSE = Path.of("deploy/compose/compose.yaml");

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> composeServices() throws Exception {
        Map<String, Object> compose = new ObjectMapper(new YAMLFactory()).readValue(Repo.path(COMPOSE.toString()).toFile(), Map.class);
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    static Set<String> kubernetesImages(String dir) {
        Set<String> images = new TreeSet<>();
        Manifests.ofType(Manifests.render(dir), Deployment.class).stream()
                .filter(d -> Repo.SERVICES.contains(d.getMetadata().getName()))
                .forEach(d -> d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> images.add(c.getImage())));
        return images;
    }

    @Test
    void composeRunsTheFiveServicesOnTheImagesOfTheKubernetesBase() throws Exception {
        Map<String, Map<String, Object>> services = composeServices();
        assertThat(services).containsKeys(Repo.SERVICES.toArray(String[]::new));
        Set<String> composeImages = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            composeImages.add((String) services.get(service).get("image"));
        }
        Set<String> base = kubernetesImages("base");
        assertThat(base).hasSize(Repo.SERVICES.size());
        assertThat(composeImages).containsExactlyInAnyOrderElementsOf(base);
        assertThat(kubernetesImages("overlays/prod")).containsExactlyInAnyOrderElementsOf(base);
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeBuildsEachImageFromItsServicesDockerfileAndBringsTheInfrastructure() throws Exception {
        Map<String, Map<String, Object>> services = composeServices();
        Path composeDir = Repo.path(COMPOSE.toString()).getParent();
        for (String service : Repo.SERVICES) {
            Map<String, Object> build = (Map<String, Object>) services.get(service).get("build");
            assertThat(build).as(service + " build").isNotNull();
            Path context = composeDir.resolve((String) build.get("context")).normalize();
            assertThat(context).as(service).isEqualTo(Repo.path(service));
            assertThat(context.resolve((String) build.get("dockerfile"))).as(service).isRegularFile();
        }
        assertThat(services).containsKeys("postgres", "kafka", "mail");
        assertThat((String) services.get("postgres").get("image")).startsWith("postgres:17");
        // the topic initialiser creates every topic of the code and its dead-letter twin
        String init = String.valueOf(services.get("kafka-topics").get("command"));
        for (String topic : KafkaTopicsTest.topicsWithDeadLetterTwins()) {
            assertThat(init).as("compose creates " + topic).containsPattern("--topic " + Pattern.quote(topic) + "\\s");
        }
    }

    @Test
    void everyServiceHasAJvmDockerfileThatRunsAsNonRoot() {
        Pattern user = Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$");
        for (String service : Repo.SERVICES) {
            Path dockerfile = Repo.path(service).resolve("src/main/docker/Dockerfile.jvm");
            assertThat(dockerfile).isRegularFile();
            String text = Repo.read(dockerfile);
            Matcher matcher = user.matcher(text);
            String last = null;
            while (matcher.find()) {
                last = matcher.group(1);
            }
            assertThat(last).as(service + ": the last USER").isNotNull().isNotIn("root", "0", "0:0", "root:root");
            // the Quarkus JVM (fast-jar) layout
            assertThat(text).as(service).contains("target/quarkus-app/lib/", "target/quarkus-app/quarkus/", "quarkus-run.jar");
        }
    }
}
