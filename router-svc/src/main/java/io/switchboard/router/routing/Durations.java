package io.switchboard.router.routing;

import java.time.Duration;
import java.util.regex.Pattern;

/** Parses the short durations of the routing file: {@code 250ms}, {@code 2s}, {@code 1m}. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m)");

    private Durations() {
    }

    /** The duration, or {@code null} when the text is not one. */
    static Duration parse(String text) {
        var matcher = SHORT.matcher(text.trim());
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
