package io.switchboard.router.routing;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.switchboard.routingfile.RoutingFile;
import io.switchboard.runtime.Durations;

/** The problems found in a routing file, each prefixed with the path of its field. */
final class Problems {

    private final Set<String> found = new LinkedHashSet<>();

    void add(String path, String message) {
        found.add(path + ": " + message);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int count() {
        return found.size();
    }

    List<String> all() {
        return List.copyOf(found);
    }

    /**
     * A duration such as {@code 250ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 7d}; {@code fallback} when absent or
     * bad.
     */
    Duration duration(String text, Duration fallback, String path) {
        if (text == null) {
            return fallback;
        }
        try {
            return Durations.parse(text.trim());
        } catch (IllegalArgumentException e) {
            add(path, "'" + text + "' is not a duration such as 250ms, 2s, 1m, 1h or 7d");
            return fallback;
        }
    }

    /** Timeouts as written over {@code base}: each one given replaces the base's. */
    Timeouts timeouts(RoutingFile.Timeouts spec, Timeouts base, String path) {
        if (spec == null) {
            return base;
        }
        return new Timeouts(
                duration(spec.connect(), base.connect(), path + ".connect"),
                duration(spec.firstByte(), base.firstByte(), path + ".firstByte"),
                duration(spec.firstToken(), base.firstToken(), path + ".firstToken"),
                duration(spec.idle(), base.idle(), path + ".idle"),
                duration(spec.total(), base.total(), path + ".total"));
    }
}
