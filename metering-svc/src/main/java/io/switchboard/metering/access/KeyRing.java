package io.switchboard.metering.access;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.switchboard.events.Keys;
import io.switchboard.metering.routing.RoutingFileWatch;
import io.switchboard.routingfile.RoutingFile;
import io.switchboard.routingfile.RoutingFile.KeySpec;

/**
 * The keys of the router's routing file ({@code keys}: id, sha256, user, team; {@code adminKeys}: id, sha256), and
 * nothing else of it. A revoked key stops working within {@code checkEvery}.
 */
public final class KeyRing {

    private static final Logger LOGGER = Logger.getLogger(KeyRing.class);

    private final RoutingFileWatch<Map<String, Access>> byHash;

    public KeyRing(Optional<Path> file, Duration checkEvery, Clock clock) {
        if (file.isEmpty()) {
            LOGGER.warn("no routing file configured (switchboard.metering.routing-file): every query gets 401");
        }
        this.byHash = new RoutingFileWatch<>(file, checkEvery, clock, "keys", KeyRing::read);
    }

    /** Who presents {@code authorization} ({@code Bearer <key>}); 401 when no key or an unknown one. */
    public Access authenticate(String authorization) {
        var key = Keys.bearer(authorization).orElseThrow(() -> AccessException
                .unauthenticated("Send a Switchboard key as 'Authorization: Bearer <key>'."));
        var access = byHash.current().get(Keys.sha256Hex(key));
        if (access == null) {
            throw AccessException.unauthenticated("This key is not known; ask the platform team for one.");
        }
        return access;
    }

    private static Map<String, Access> read(RoutingFile file) {
        var result = new HashMap<String, Access>();
        for (var key : listed(file.keys())) {
            var hash = text(key.sha256());
            var user = text(key.user());
            if (!hash.isEmpty() && !user.isEmpty()) {
                result.put(hash, new Access.Engineer(text(key.id()), user, text(key.team())));
            }
        }
        for (var key : listed(file.adminKeys())) {
            var hash = text(key.sha256());
            if (!hash.isEmpty()) {
                result.put(hash, new Access.Admin(text(key.id())));
            }
        }
        return Map.copyOf(result);
    }

    private static List<KeySpec> listed(List<KeySpec> keys) {
        return Objects.requireNonNullElse(keys, List.of());
    }

    private static String text(String field) {
        return Objects.requireNonNullElse(field, "");
    }
}
