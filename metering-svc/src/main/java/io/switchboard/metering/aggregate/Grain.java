package io.switchboard.metering.aggregate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The time buckets of the spend store: UTC hours ({@code 2026-11-21T10}) and UTC days ({@code 2026-11-21}). Labels
 * sort as text in time order, so a time range is one key range. Days are kept beside hours (twice the writes) so that
 * a query over months reads 24 times fewer buckets; both are exact integer sums of the same events.
 */
public enum Grain {

    HOUR('h', DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC)), DAY('d',
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC));

    private final char code;
    private final DateTimeFormatter format;

    Grain(char code, DateTimeFormatter format) {
        this.code = code;
        this.format = format;
    }

    char code() {
        return code;
    }

    /** The label of the bucket that holds {@code time}. */
    public String label(Instant time) {
        return format.format(time);
    }
}
