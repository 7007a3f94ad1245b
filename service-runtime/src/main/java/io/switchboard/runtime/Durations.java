package io.switchboard.runtime;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Durations as the routing file and a DistillationJob's spec write them: a whole number above 0 and a unit,
 * {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} ({@code "800ms"}, {@code "10m"}, {@code "7d"}); a field may
 * allow some of the units only.
 */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /** @throws IllegalArgumentException when the text is not such a duration */
    public static Duration parse(String text) {
        var matcher = FORM.matcher(text);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException("not a duration such as 800ms, 10m or 7d: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
