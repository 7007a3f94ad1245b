package io.switchboard.distill.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.switchboard.distill.DistillConfig;

/**
 * Reads the catalog file at every call, so that an edited ConfigMap (which the kubelet updates in the mounted file)
 * counts from the next reconcile on. Without the file, the catalog shipped in the image.
 */
@ApplicationScoped
public class CatalogFile {

    private static final Logger LOGGER = Logger.getLogger(CatalogFile.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    public CatalogFile(DistillConfig config) {
        this.file = Path.of(config.catalogFile());
    }

    public Catalog read() {
        if (!Files.exists(file)) {
            LOGGER.debugf("No catalog at %s: using the bundled one", file);
            try (InputStream bundled = CatalogFile.class.getResourceAsStream("/catalog.yaml")) {
                return parse(bundled.readAllBytes(), "the bundled catalog");
            } catch (IOException e) {
                throw new CatalogException("the bundled catalog is unreadable", e);
            }
        }
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new CatalogException(file + " is unreadable: " + e.getMessage(), e);
        }
    }

    static Catalog parse(byte[] yaml, String source) {
        try {
            return YAML.readValue(yaml, Catalog.class);
        } catch (IOException e) {
            // Jackson wraps the record's own CatalogException, whose message names the entry and field.
            Throwable cause = e.getCause() instanceof CatalogException invalid ? invalid : e;
            throw new CatalogException(source + ": " + cause.getMessage(), e);
        }
    }
}
