package io.switchboard.metering.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.switchboard.events.Keys;

/**
 * The keys of the router's routing file ({@code keys}: id, sha256, user, team; {@code adminKeys}: id, sha256), and
 * nothing else of it. The file is checked for changes at most once per {@code checkEvery}, on a request: a revoked key
 * stops working within that time. A file that does not read keeps the keys read before, as the router does.
 */
public final class KeyRing {

    private static final Logger LOGGER = Logger.getLogger(KeyRing.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Optional<Path> file;
    private final Duration checkEvery;
    private final Clock clock;
    private Map<String, Access> byHash = Map.of();
    private Instant checkedAt = Instant.MIN;
    private FileTime modified;
    private long size = -1;

    public KeyRing(Optional<Path> file, Duration checkEvery, Clock clock) {
        this.file = file;
        this.checkEvery = checkEvery;
        this.clock = clock;
        if (file.isEmpty()) {
            LOGGER.warn("no routing file configured (switchboard.metering.routing-file): every query gets 401");
        }
        refresh();
    }

    /** Who presents {@code authorization} ({@code Bearer <key>}); 401 when no key or an unknown one. */
    public Access authenticate(String authorization) {
        var key = Keys.bearer(authorization).orElseThrow(() -> AccessException
                .unauthenticated("Send a Switchboard key as 'Authorization: Bearer <key>'."));
        var access = current().get(Keys.sha256Hex(key));
        if (access == null) {
            throw AccessException.unauthenticated("This key is not known; ask the platform team for one.");
        }
        return access;
    }

    private synchronized Map<String, Access> current() {
        if (Duration.between(checkedAt, clock.instant()).compareTo(checkEvery) >= 0) {
            refresh();
        }
        return byHash;
    }

    private synchronized void refresh() {
        checkedAt = clock.instant();
        if (file.isEmpty()) {
            return;
        }
        var path = file.get();
        try {
            var nowModified = Files.getLastModifiedTime(path);
            long nowSize = Files.size(path);
            if (nowModified.equals(modified) && nowSize == size) {
                return;
            }
            byHash = read(YAML.readTree(path.toFile()));
            modified = nowModified;
            size = nowSize;
            LOGGER.infof("keys read from %s: %d", path, byHash.size());
        } catch (IOException | RuntimeException e) {
            LOGGER.warnf("cannot read keys from %s, keeping the %d known: %s", path, byHash.size(), e.getMessage());
        }
    }

    private static Map<String, Access> read(JsonNode root) {
        var result = new HashMap<String, Access>();
        if (root == null) {
            return result;
        }
        for (var key : root.path("keys")) {
            var hash = key.path("sha256").asText("");
            var user = key.path("user").asText("");
            if (!hash.isEmpty() && !user.isEmpty()) {
                result.put(hash, new Access.Engineer(key.path("id").asText(""), user, key.path("team").asText("")));
            }
        }
        for (var key : root.path("adminKeys")) {
            var hash = key.path("sha256").asText("");
            if (!hash.isEmpty()) {
                result.put(hash, new Access.Admin(key.path("id").asText("")));
            }
        }
        return Map.copyOf(result);
    }
}
