package io.switchboard.distill.worker;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Ratios as the summary writes them: decimal strings of three places, {@code null} where the divisor is 0. */
final class Ratios {

    private Ratios() {
    }

    static String of(BigDecimal dividend, BigDecimal divisor) {
        return of(dividend, divisor, 3);
    }

    static String of(BigDecimal dividend, BigDecimal divisor, int places) {
        return divisor.signum() == 0 ? null : dividend.divide(divisor, places, RoundingMode.HALF_UP).toPlainString();
    }

    static String of(long dividend, long divisor) {
        return of(BigDecimal.valueOf(dividend), BigDecimal.valueOf(divisor));
    }
}
