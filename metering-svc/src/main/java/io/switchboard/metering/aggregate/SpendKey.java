package io.switchboard.metering.aggregate;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.events.UsageEvent;

/**
 * Keys of the spend store: {@code <grain><rollup> SEP <period> SEP <value> SEP <value>...}, with the rollup's
 * dimension values in its order. All buckets of one rollup and grain between two periods form one key range. The
 * separator is the ASCII unit separator, replaced in values (it has no business in ids or tags).
 */
public record SpendKey(Grain grain, Rollup rollup, String period, List<String> values) {

    static final char SEP = '\u001f';

    public static SpendKey of(Grain grain, Rollup rollup, UsageEvent event) {
        return new SpendKey(grain, rollup, grain.label(event.time()),
                rollup.dimensions().stream().map(d -> d.of(event)).toList());
    }

    public String encode() {
        var key = new StringBuilder(prefix(grain, rollup)).append(SEP).append(period);
        for (var value : values) {
            key.append(SEP).append(value.replace(SEP, '\ufffd'));
        }
        return key.toString();
    }

    /** The value of {@code dimension}, which must be one of the rollup's. */
    public String value(Dimension dimension) {
        return values.get(rollup.dimensions().indexOf(dimension));
    }

    /** The smallest key of the buckets from period {@code label} on. */
    public static String rangeStart(Grain grain, Rollup rollup, String label) {
        return prefix(grain, rollup) + SEP + label;
    }

    /** A bound above every bucket before period {@code label} and below those of {@code label} itself. */
    public static String rangeEndBefore(Grain grain, Rollup rollup, String label) {
        // Kafka Streams ranges include their end; no bucket key equals this, as bucket keys go on after the period.
        return prefix(grain, rollup) + SEP + label;
    }

    public static SpendKey decode(String key, Grain grain, Rollup rollup) {
        var parts = new ArrayList<String>(rollup.dimensions().size() + 2);
        int start = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == SEP) {
                parts.add(key.substring(start, i));
                start = i + 1;
            }
        }
        return new SpendKey(grain, rollup, parts.get(1), List.copyOf(parts.subList(2, parts.size())));
    }

    private static String prefix(Grain grain, Rollup rollup) {
        return grain.code() + rollup.code();
    }
}
