package io.switchboard.events;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money is {@code long} micro-USD everywhere; this turns it into text for people. */
public final class Money {

    public static final long MICROS_PER_DOLLAR = 1_000_000L;

    private Money() {
    }

    /** {@code 1234567} becomes {@code "$1.234567"}; exact, no rounding. */
    public static String dollars(long micros) {
        return (micros < 0 ? "-$" : "$") + BigDecimal.valueOf(Math.abs(micros), 6).toPlainString();
    }

    /** {@code 1234567} becomes {@code "1.234567"} and {@code 2500000} {@code "2.5"}: exact, for machines to read. */
    public static String decimal(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    }

    /** {@code 1234567} becomes {@code "$1.23"}: rounded to the cent, for messages to people. */
    public static String cents(long micros) {
        return (micros < 0 ? "-$" : "$")
                + BigDecimal.valueOf(Math.abs(micros), 6).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
