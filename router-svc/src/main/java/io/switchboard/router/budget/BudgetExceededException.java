package io.switchboard.router.budget;

import java.time.Instant;

/** A request refused because its worst-case cost does not fit what is left of a budget. */
public final class BudgetExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Instant resetsAt;

    BudgetExceededException(String message, Instant resetsAt) {
        super(message, null, false, false);
        this.resetsAt = resetsAt;
    }

    /** When the budget starts a new period. */
    public Instant resetsAt() {
        return resetsAt;
    }
}
