package io.switchboard.localkube;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One pod's only container as a local process: its image's {@link Images.Runtime}, its args, its environment (values,
 * Secret and ConfigMap keys, the pod's own fields), and its volumes as directories under the state directory, every
 * mount path in its args and environment rewritten to the directory that stands for it.
 */
final class PodProcess {

    /** Why a pod cannot start, as the kubelet would say it (an unknown image, a missing Secret...). */
    static final class PodStartException extends Exception {

        private static final long serialVersionUID = 1L;

        PodStartException(String message) {
            super(message);
        }
    }

    private final KubernetesClient client;
    private final Images images;
    private final Path state;
    private final Hosts hosts;

    PodProcess(KubernetesClient client, Images images, Path state, Hosts hosts) {
        this.client = client;
        this.images = images;
        this.state = state;
        this.hosts = hosts;
    }

    /** The pod's termination message file: what the container writes there ends up in its status. */
    Path terminationFile(String namespace, String pod) {
        return podDirectory(namespace, pod).resolve("termination-log");
    }

    Path log(String namespace, String pod) {
        return state.resolve("logs").resolve(namespace).resolve(pod + ".log");
    }

    Process start(String namespace, String pod, PodSpec spec, String address) throws PodStartException, IOException {
        if (spec.getContainers().size() != 1) {
            throw new PodStartException("pods of one container only");
        }
        Container container = spec.getContainers().get(0);
        Images.Runtime runtime = images.runtime(container.getImage()).orElseThrow(
                () -> new PodStartException("ErrImagePull: no local runtime for image " + container.getImage()));
        Map<String, Path> mounts = mounts(namespace, pod, spec, container);
        Map<String, String> placeholders = Map.of(Images.HOSTS, hosts.file().toString(), Images.TERMINATION,
                terminationFile(namespace, pod).toString(), Images.ADDRESS, address);

        List<String> command = new ArrayList<>();
        if (container.getCommand() == null || container.getCommand().isEmpty()) {
            runtime.entrypoint().forEach(word -> command.add(replace(word, placeholders)));
        } else {
            container.getCommand().forEach(word -> command.add(rewrite(word, mounts)));
        }
        if (container.getArgs() != null) {
            container.getArgs().forEach(word -> command.add(rewrite(word, mounts)));
        }
        var builder = new ProcessBuilder(command).directory(runtime.workingDirectory().toFile())
                .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log(namespace, pod).toFile()));
        runtime.environment().forEach((name, value) -> builder.environment().put(name, replace(value, placeholders)));
        environment(namespace, pod, container, address).forEach(
                (name, value) -> builder.environment().put(name, rewrite(value, mounts)));
        return builder.start();
    }

    private Path podDirectory(String namespace, String pod) {
        return state.resolve("pods").resolve(namespace).resolve(pod);
    }

    /** Every mount path of the container and the directory standing for it, longest paths first. */
    private Map<String, Path> mounts(String namespace, String pod, PodSpec spec, Container container)
            throws PodStartException, IOException {
        Files.createDirectories(podDirectory(namespace, pod));
        Files.createDirectories(log(namespace, pod).getParent());
        Map<String, Path> byPath = new HashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = spec.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new PodStartException("no volume named " + mount.getName()));
            Path directory = volume(namespace, pod, volume);
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                directory = directory.resolve(mount.getSubPath());
            }
            Files.createDirectories(directory);
            byPath.put(mount.getMountPath(), directory);
        }
        Map<String, Path> longestFirst = new LinkedHashMap<>();
        byPath.entrySet().stream().sorted(Comparator.comparingInt(e -> -e.getKey().length()))
                .forEach(e -> longestFirst.put(e.getKey(), e.getValue()));
        return longestFirst;
    }

    private Path volume(String namespace, String pod, Volume volume) throws PodStartException, IOException {
        if (volume.getPersistentVolumeClaim() != null) {
            return state.resolve("volumes").resolve(namespace)
                    .resolve(volume.getPersistentVolumeClaim().getClaimName());
        }
        Path directory = podDirectory(namespace, pod).resolve("volumes").resolve(volume.getName());
        if (volume.getEmptyDir() != null) {
            return directory;
        }
        Map<String, String> files = new HashMap<>();
        if (volume.getConfigMap() != null) {
            var configMap = client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
            if (configMap == null) {
                throw new PodStartException("configmap " + volume.getConfigMap().getName() + " not found");
            }
            files.putAll(configMap.getData() == null ? Map.of() : configMap.getData());
            if (volume.getConfigMap().getItems() != null && !volume.getConfigMap().getItems().isEmpty()) {
                Map<String, String> selected = new HashMap<>();
                volume.getConfigMap().getItems()
                        .forEach(item -> selected.put(item.getPath(), files.get(item.getKey())));
                files.clear();
                files.putAll(selected);
            }
        } else if (volume.getSecret() != null) {
            var secret = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).get();
            if (secret == null) {
                throw new PodStartException("secret " + volume.getSecret().getSecretName() + " not found");
            }
            files.putAll(secretData(secret));
        } else {
            throw new PodStartException("volume " + volume.getName() + ": only persistentVolumeClaim, configMap, "
                    + "secret and emptyDir volumes run here");
        }
        Files.createDirectories(directory);
        for (var file : files.entrySet()) {
            Path target = directory.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue() == null ? "" : file.getValue());
        }
        return directory;
    }

    private Map<String, String> environment(String namespace, String pod, Container container, String address)
            throws PodStartException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            environment.put(variable.getName(), value(namespace, pod, variable, address));
        }
        return environment;
    }

    private String value(String namespace, String pod, EnvVar variable, String address) throws PodStartException {
        var from = variable.getValueFrom();
        if (from == null) {
            return variable.getValue() == null ? "" : variable.getValue();
        }
        if (from.getSecretKeyRef() != null) {
            var ref = from.getSecretKeyRef();
            var secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
            String value = secret == null ? null : secretData(secret).get(ref.getKey());
            if (value == null) {
                throw new PodStartException("CreateContainerConfigError: secret " + ref.getName() + " has no key "
                        + ref.getKey() + " (for " + variable.getName() + ")");
            }
            return value;
        }
        if (from.getConfigMapKeyRef() != null) {
            var ref = from.getConfigMapKeyRef();
            var configMap = client.configMaps().inNamespace(namespace).withName(ref.getName()).get();
            if (configMap == null || configMap.getData() == null || !configMap.getData().containsKey(ref.getKey())) {
                throw new PodStartException("CreateContainerConfigError: configmap " + ref.getName()
                        + " has no key " + ref.getKey() + " (for " + variable.getName() + ")");
            }
            return configMap.getData().get(ref.getKey());
        }
        if (from.getFieldRef() != null) {
            return switch (from.getFieldRef().getFieldPath()) {
                case "metadata.name" -> pod;
                case "metadata.namespace" -> namespace;
                case "status.podIP" -> address;
                default -> throw new PodStartException("field " + from.getFieldRef().getFieldPath()
                        + " is not available here (for " + variable.getName() + ")");
            };
        }
        throw new PodStartException("env " + variable.getName() + ": only values, secret, configmap and field "
                + "references run here");
    }

    /** A Secret's values: its data decoded, and its stringData (which this API server keeps as written). */
    private static Map<String, String> secretData(Secret secret) {
        Map<String, String> values = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> values.put(key,
                    new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }

    private static String replace(String text, Map<String, String> placeholders) {
        String result = text;
        for (var placeholder : placeholders.entrySet()) {
            result = result.replace(placeholder.getKey(), placeholder.getValue());
        }
        return result;
    }

    /**
     * Each mount path, where it stands as a path (at the start of a word, after a space, a quote, {@code =}, {@code :}
     * or {@code ,}), becomes its directory.
     */
    static String rewrite(String text, Map<String, Path> mounts) {
        String result = text;
        for (var mount : mounts.entrySet()) {
            var pattern = Pattern.compile("(^|[\\s=:,\"'])" + Pattern.quote(mount.getKey()) + "(?=/|$|[\\s,:\"'])");
            result = pattern.matcher(result)
                    .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + mount.getValue()));
        }
        return result;
    }
}
