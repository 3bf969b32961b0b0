package dev.portico.deploy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What {@code kubectl kustomize} renders for a Kustomize directory, read into the fabric8 Kubernetes model: the
 * built-in kinds as their typed classes (Deployment, Service, …), the operators' custom resources (Strimzi,
 * CloudNativePG) as {@link GenericKubernetesResource}.
 */
final class Manifests {

    static final String KUBECTL = System.getenv().getOrDefault("KUBECTL", "kubectl");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** The objects of {@code deploy/k8s/<dir>} (base, overlays/dev, overlays/prod), rendered once per test run. */
    static List<HasMetadata> render(String dir) {
        return RENDERED.computeIfAbsent(dir, Manifests::kustomize);
    }

    static String renderText(String dir) {
        Path target = Repo.path("deploy/k8s").resolve(dir);
        try {
            Process process = new ProcessBuilder(KUBECTL, "kustomize", target.toString())
                    .redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + target + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run '" + KUBECTL + "' (install kubectl, or set KUBECTL): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<HasMetadata> kustomize(String dir) {
        return parse(renderText(dir));
    }

    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<KubernetesResource> documents = YAML.readerFor(KubernetesResource.class).readValues(yaml)) {
            while (documents.hasNext()) {
                KubernetesResource resource = documents.next();
                if (resource == null) {
                    continue;
                }
                if (!(resource instanceof HasMetadata object)) {
                    throw new AssertionError("not a Kubernetes object: " + resource);
                }
                objects.add(object);
            }
        } catch (IOException e) {
            throw new AssertionError("rendered manifests do not parse as Kubernetes objects: " + e.getMessage(), e);
        }
        return objects;
    }

    static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<GenericKubernetesResource> ofKind(List<HasMetadata> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind()))
                .map(o -> {
                    if (o instanceof GenericKubernetesResource generic) {
                        return generic;
                    }
                    throw new AssertionError(kind + " was read as " + o.getClass() + ", not as a custom resource");
                })
                .toList();
    }

    /** A value inside a custom resource's top-level fields, by path ("spec", "replicas"). */
    @SuppressWarnings("unchecked")
    static Object field(GenericKubernetesResource resource, String... path) {
        Object current = resource.getAdditionalProperties();
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(key);
        }
        return current;
    }

    static String fileText(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
