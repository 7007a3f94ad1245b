package io.switchboard.localkube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What the kubelet runs for each image it knows: a local command standing for the image's entrypoint. An image it
 * does not know fails its pod, as a pull error would.
 */
public final class Images {

    /** Placeholders in an entrypoint's words and environment values, replaced for each pod. */
    public static final String HOSTS = "{hosts}";
    public static final String TERMINATION = "{termination}";
    public static final String ADDRESS = "{address}";

    /**
     * @param entrypoint the command and its first words; the container's args follow
     * @param workingDirectory where it runs
     * @param environment added to the container's own ({@value #HOSTS}: the cluster's hosts file, {@value #TERMINATION}:
     *        the file whose content becomes the container's termination message, {@value #ADDRESS}: the pod's
     *        loopback address)
     */
    public record Runtime(List<String> entrypoint, Path workingDirectory, Map<String, String> environment) {

        public Runtime {
            entrypoint = List.copyOf(entrypoint);
            environment = Map.copyOf(environment);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** An entry of the images file. */
    private record Entry(List<String> command, String directory, Map<String, String> env) {
    }

    /** The file's form. */
    private record File(Map<String, Entry> images) {
    }

    private final Map<String, Runtime> byImage;

    public Images(Map<String, Runtime> byImage) {
        this.byImage = Map.copyOf(byImage);
    }

    /**
     * Reads an images file: {@code images: {<image>: {command: [...], directory: <dir>, env: {...}}}}, directories
     * relative to {@code base}.
     */
    public static Images load(Path file, Path base) throws IOException {
        File read = YAML.readValue(Files.readAllBytes(file), File.class);
        Map<String, Runtime> byImage = new HashMap<>();
        read.images().forEach((image, entry) -> {
            if (entry.command() == null || entry.command().isEmpty()) {
                throw new IllegalArgumentException(file + ": image " + image + " has no command");
            }
            byImage.put(image, new Runtime(entry.command(),
                    base.resolve(entry.directory() == null ? "." : entry.directory()).toAbsolutePath().normalize(),
                    entry.env() == null ? Map.of() : entry.env()));
        });
        return new Images(byImage);
    }

    public Optional<Runtime> runtime(String image) {
        return Optional.ofNullable(byImage.get(image));
    }
}
