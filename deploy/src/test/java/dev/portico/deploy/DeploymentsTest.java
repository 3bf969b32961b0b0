package dev.portico.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both overlays render to Kubernetes objects, and every workload in them is one ops can run safely. */
class DeploymentsTest {

    /** Peak RSS measured on the local stack under the bulk-invite benchmark (README, "Measured"), MiB. */
    private static final Map<String, Integer> MEASURED_RSS_MIB = Map.of(
            "portal-config-service", 294, "portal-user-service", 314, "invitation-service", 338,
            "auto-invite-service", 284, "api-gateway", 192);

    private static final Pattern MAX_RAM = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyDeploymentHasProbesLimitsAndANonRootReadOnlyContext(String overlay) {
        List<Deployment> deployments = Manifests.ofType(Manifests.render(overlay), Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsAll(Repo.SERVICES);
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getContainers()).as(name).isNotEmpty();
            for (Container container : pod.getContainers()) {
                String what = overlay + " " + name + "/" + container.getName();
                assertThat(container.getLivenessProbe()).as(what + " liveness probe").isNotNull();
                assertThat(container.getReadinessProbe()).as(what + " readiness probe").isNotNull();
                assertThat(container.getResources().getLimits()).as(what + " limits").containsKeys("cpu", "memory");
                assertThat(container.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
                boolean nonRoot = Boolean.TRUE.equals(container.getSecurityContext() == null ? null
                        : container.getSecurityContext().getRunAsNonRoot())
                        || Boolean.TRUE.equals(pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsNonRoot());
                assertThat(nonRoot).as(what + " runAsNonRoot").isTrue();
                assertThat(container.getSecurityContext()).as(what + " securityContext").isNotNull();
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(what + " readOnlyRootFilesystem").isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void servicesProbeQuarkusHealthAndFitTheirMeasuredFootprint(String overlay) {
        for (Deployment deployment : Manifests.ofType(Manifests.render(overlay), Deployment.class)) {
            String name = deployment.getMetadata().getName();
            if (!Repo.SERVICES.contains(name)) {
                continue;
            }
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/ready");
            // health and metrics live on the management port, which no Service publishes
            assertThat(List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe()))
                    .as(name).allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
            int management = container.getPorts().stream().filter(p -> "management".equals(p.getName())).findFirst()
                    .orElseThrow().getContainerPort();
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .as(name).containsEntry("prometheus.io/port", String.valueOf(management));
            for (Service service : Manifests.ofType(Manifests.render(overlay), Service.class)) {
                assertThat(service.getSpec().getPorts()).as(service.getMetadata().getName())
                        .noneMatch(p -> p.getTargetPort() != null && ("management".equals(p.getTargetPort().getStrVal())
                                || Integer.valueOf(management).equals(p.getTargetPort().getIntVal())));
            }
            // a read-only root needs a writable /tmp (Vert.x cache, the native epoll library)
            assertThat(container.getVolumeMounts()).as(name).anyMatch(m -> "/tmp".equals(m.getMountPath()));

            long limit = bytes(container.getResources().getLimits().get("memory"));
            long request = bytes(container.getResources().getRequests().get("memory"));
            long rss = MEASURED_RSS_MIB.get(name) * 1024L * 1024L;
            // the measured peak fits the request with room to spare, and the limit with more (no OOM kill at peak)
            assertThat(request).as(name + " memory request vs measured RSS").isGreaterThanOrEqualTo(rss * 11 / 10);
            assertThat(limit).as(name + " memory limit vs measured RSS").isGreaterThanOrEqualTo(rss * 13 / 10);

            String javaOpts = env(container, "JAVA_OPTS_APPEND");
            Matcher percentage = MAX_RAM.matcher(javaOpts == null ? "" : javaOpts);
            assertThat(percentage.find()).as(name + " sets -XX:MaxRAMPercentage").isTrue();
            long heap = (long) (limit * Double.parseDouble(percentage.group(1)) / 100);
            // the heap the benchmarks ran with (-Xmx192m) give or take, and well under the limit: RSS is heap +
            // metaspace, code cache, threads and direct buffers
            assertThat(heap).as(name + " heap").isBetween(150L * 1024 * 1024, 240L * 1024 * 1024);
            assertThat(limit - heap).as(name + " non-heap room").isGreaterThanOrEqualTo(128L * 1024 * 1024);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void onlyTheGatewayIsExposed(String overlay) {
        List<HasMetadata> objects = Manifests.render(overlay);
        for (Ingress ingress : Manifests.ofType(objects, Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path ->
                    assertThat(path.getBackend().getService().getName()).as(ingress.getMetadata().getName())
                            .isEqualTo("api-gateway")));
        }
        assertThat(Manifests.ofType(objects, Ingress.class)).isNotEmpty();
        for (Service service : Manifests.ofType(objects, Service.class)) {
            String type = service.getSpec().getType();
            assertThat(type == null || "ClusterIP".equals(type)).as(service.getMetadata().getName() + " type " + type).isTrue();
        }
        // every service pod is under the default-deny policy; only the gateway admits the ingress controller
        List<NetworkPolicy> policies = Manifests.ofType(objects, NetworkPolicy.class);
        NetworkPolicy deny = policies.stream().filter(p -> p.getMetadata().getName().equals("portico-default-deny"))
                .findFirst().orElseThrow(() -> new AssertionError("no portico-default-deny NetworkPolicy"));
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        for (Deployment deployment : Manifests.ofType(objects, Deployment.class)) {
            if (Repo.SERVICES.contains(deployment.getMetadata().getName())) {
                assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                        .containsAllEntriesOf(deny.getSpec().getPodSelector().getMatchLabels());
            }
        }
        for (NetworkPolicy policy : policies) {
            boolean fromOtherNamespace = policy.getSpec().getIngress() != null && policy.getSpec().getIngress().stream()
                    .flatMap(rule -> rule.getFrom() == null ? java.util.stream.Stream.empty() : rule.getFrom().stream())
                    .anyMatch(peer -> peer.getNamespaceSelector() != null || peer.getIpBlock() != null);
            if (fromOtherNamespace && !policy.getMetadata().getName().equals("portico-metrics")) {
                assertThat(policy.getSpec().getPodSelector().getMatchLabels()).as(policy.getMetadata().getName())
                        .containsEntry("app.kubernetes.io/name", "api-gateway");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyServiceScalesAndSurvivesADrain(String overlay) {
        List<HasMetadata> objects = Manifests.render(overlay);
        assertThat(Manifests.ofType(objects, HorizontalPodAutoscaler.class))
                .extracting(h -> h.getSpec().getScaleTargetRef().getName()).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        assertThat(Manifests.ofType(objects, PodDisruptionBudget.class))
                .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        for (Deployment deployment : Manifests.ofType(objects, Deployment.class)) {
            if (Repo.SERVICES.contains(deployment.getMetadata().getName())) {
                // the HPA owns the count: a replicas field would reset it on every apply
                assertThat(deployment.getSpec().getReplicas()).as(deployment.getMetadata().getName()).isNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void onlyTheGatewayBelievesForwardedAddressesAndOnlyFromTrustedProxies(String overlay) {
        for (Deployment deployment : Manifests.ofType(Manifests.render(overlay), Deployment.class)) {
            String name = deployment.getMetadata().getName();
            if (!Repo.SERVICES.contains(name)) {
                continue;
            }
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            if (name.equals("api-gateway")) {
                // behind the Ingress the peer is the controller: without this, every client shares one rate limit
                assertThat(env(container, "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")).isEqualTo("true");
                assertThat(env(container, "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED")).isEqualTo("true");
                assertThat(env(container, "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES")).as("a trusted-proxy list").isNotBlank();
                assertThat(env(container, "QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST")).as("links come from the public base URL").isNull();
            } else {
                assertThat(container.getEnv()).as(name).noneMatch(e -> e.getName().startsWith("QUARKUS_HTTP_PROXY_"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void noSecretIsCommittedAndEveryPorticoVariableSetIsOneTheServicesRead(String overlay) {
        List<HasMetadata> objects = Manifests.render(overlay);
        assertThat(Manifests.ofType(objects, Secret.class)).as("Secrets are created by operators, never committed").isEmpty();
        Set<String> set = new TreeSet<>();
        for (ConfigMap map : Manifests.ofType(objects, ConfigMap.class)) {
            map.getData().keySet().stream().filter(k -> k.startsWith("PORTICO_")).forEach(set::add);
        }
        for (Deployment deployment : Manifests.ofType(objects, Deployment.class)) {
            deployment.getSpec().getTemplate().getSpec().getContainers().forEach(c -> {
                if (c.getEnv() != null) {
                    c.getEnv().stream().map(EnvVar::getName).filter(n -> n.startsWith("PORTICO_")).forEach(set::add);
                }
            });
        }
        assertThat(set).isNotEmpty();
        assertThat(Repo.variablesReadByAnyService()).as("variables the services read").containsAll(set);
    }

    private static String env(Container container, String name) {
        return container.getEnv() == null ? null : container.getEnv().stream().filter(e -> name.equals(e.getName()))
                .map(EnvVar::getValue).findFirst().orElse(null);
    }

    private static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValue();
    }
}
