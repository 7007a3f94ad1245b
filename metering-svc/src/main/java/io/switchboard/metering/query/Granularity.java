package io.switchboard.metering.query;

/** How rows are split in time: not at all, or per UTC hour, day or month. */
public enum Granularity {

    NONE, HOUR, DAY, MONTH;

    /** The period of a row, from the label of a stored hour or day bucket ({@code 2026-11-21T10}, {@code 2026-11-21}). */
    String period(String bucketLabel) {
        return switch (this) {
            case NONE -> "";
            case HOUR -> bucketLabel;
            case DAY -> bucketLabel.substring(0, 10);
            case MONTH -> bucketLabel.substring(0, 7);
        };
    }
}
