package io.switchboard.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/** Rendered manifests as typed fabric8 objects: a misspelt or misplaced field fails the parse. */
final class Manifests {

    /** Custom resources the chart renders, by apiVersion/kind: fabric8 only knows the built-in kinds by itself. */
    private static final Map<String, Class<? extends HasMetadata>> CUSTOM = Map.of(
            "gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
            "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class,
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class);

    private Manifests() {
    }

    static List<HasMetadata> parse(String manifest) {
        var objects = new ArrayList<HasMetadata>();
        for (var document : Chart.documents(manifest)) {
            HasMetadata object = Serialization.unmarshal(document);
            if (object instanceof GenericKubernetesResource generic) {
                var type = CUSTOM.get(generic.getApiVersion() + "/" + generic.getKind());
                if (type == null) {
                    throw new AssertionError("no typed model for " + generic.getApiVersion() + " "
                            + generic.getKind() + " " + generic.getMetadata().getName());
                }
                object = Serialization.unmarshal(document, type);
            }
            var unknown = unknownFields(object);
            if (!unknown.isEmpty()) {
                throw new AssertionError(object.getKind() + " " + object.getMetadata().getName()
                        + " has fields its type does not know: " + unknown);
            }
            objects.add(object);
        }
        return objects;
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(object -> object.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    static ConfigMap configMap(List<HasMetadata> objects, String name) {
        return named(objects, ConfigMap.class, name);
    }

    /** The pod spec of a Deployment or StatefulSet, or null for other kinds. */
    static PodSpec podSpec(HasMetadata object) {
        if (object instanceof Deployment deployment) {
            return deployment.getSpec().getTemplate().getSpec();
        }
        if (object instanceof StatefulSet statefulSet) {
            return statefulSet.getSpec().getTemplate().getSpec();
        }
        return null;
    }

    /** The first container of the workload of that name. */
    static Container container(List<HasMetadata> objects, String workload) {
        return objects.stream().filter(object -> object.getMetadata().getName().equals(workload))
                .map(Manifests::podSpec).filter(spec -> spec != null)
                .findFirst().orElseThrow(() -> new AssertionError("no workload " + workload))
                .getContainers().get(0);
    }

    static String env(Container container, String name) {
        return container.getEnv().stream().filter(env -> env.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElseThrow(() -> new AssertionError(container.getName() + " has no env " + name));
    }

    /**
     * Paths of fields that landed in a model's additionalProperties: Jackson puts there what the type has no
     * property for, so a typo such as readOnlyRootFileSystem would otherwise parse silently.
     */
    static List<String> unknownFields(Object model) {
        var found = new ArrayList<String>();
        walk(model, "", found, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (var item : items) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found, seen));
            return;
        }
        var type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()
                // ConfigMap data, labels and the like are maps by design; only a model's extras count here.
                        && !(value instanceof io.fabric8.kubernetes.api.model.AnyType)) {
                    extra.keySet().forEach(key -> found.add(path + "." + key));
                }
                continue;
            }
            walk(property, path + "." + getter.getName().replaceFirst("^(get|is)", ""), found, seen);
        }
    }
}
