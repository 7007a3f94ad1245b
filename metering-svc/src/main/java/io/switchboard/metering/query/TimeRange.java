package io.switchboard.metering.query;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.metering.aggregate.Grain;

/**
 * A span of whole UTC hours, {@code from} included, {@code until} not. {@code wholeDays} when both ends fall on
 * midnight because the query named dates: then the day buckets answer it.
 */
@RegisterForReflection
public record TimeRange(Instant from, Instant until, boolean wholeDays) {

    /** The first bucket label in {@code grain}. */
    public String firstLabel(Grain grain) {
        return grain.label(from);
    }

    /** The label of the bucket just after the range. */
    public String endLabel(Grain grain) {
        return grain.label(until);
    }

    /** {@code from} as the query could have written it: a date, or a date and hour. */
    public String fromText() {
        return (wholeDays ? Grain.DAY : Grain.HOUR).label(from);
    }

    /** The last day or hour included. */
    public String toText() {
        return wholeDays
                ? Grain.DAY.label(until.minus(Duration.ofDays(1)))
                : Grain.HOUR.label(until.minus(Duration.ofHours(1)));
    }

    public boolean contains(Instant time) {
        return !time.isBefore(from) && time.isBefore(until);
    }
}
