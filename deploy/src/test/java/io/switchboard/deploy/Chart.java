package io.switchboard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** helm/switchboard rendered by the Helm library embedded in the JVM, as `helm template` would. */
final class Chart {

    static final Path ROOT = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
    static final Path DIR = ROOT.resolve("helm/switchboard");
    static final Path FULL_VALUES = DIR.resolve("ci/full-values.yaml");
    static final String RELEASE = "switchboard";
    static final String NAMESPACE = "llm";
    /** The cluster the chart's lookups see; one for the test JVM, which stops it on exit. */
    static final FakeApiServer CLUSTER = FakeApiServer.start();

    private Chart() {
    }

    /** The manifest for these values files (none: the defaults) and --set pairs, as one YAML stream. */
    static String render(List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
        valuesFiles.forEach(template::withValuesFile);
        sets.forEach(template::set);
        return template.call();
    }

    static String render(Path... valuesFiles) {
        return render(Arrays.asList(valuesFiles), Map.of());
    }

    /** The YAML documents of a manifest, without the empty ones. */
    static List<String> documents(String manifest) {
        return Arrays.stream(manifest.split("(?m)^---\\s*$"))
                .filter(doc -> doc.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#")))
                .toList();
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
