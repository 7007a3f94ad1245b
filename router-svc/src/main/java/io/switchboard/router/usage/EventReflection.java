package io.switchboard.router.usage;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.events.Attempt;
import io.switchboard.events.Budget;
import io.switchboard.events.BudgetStanding;
import io.switchboard.events.ClientInfo;
import io.switchboard.events.Decision;
import io.switchboard.events.StudentRoute;
import io.switchboard.events.Tokens;
import io.switchboard.events.UsageEvent;

/** The event records live in a plain-Java module; a native image reads and writes them only when registered here. */
@RegisterForReflection(targets = {UsageEvent.class, Tokens.class, Attempt.class, ClientInfo.class, Decision.class,
        Decision.Action.class, BudgetStanding.class, BudgetStanding.Level.class, Budget.class, Budget.Period.class,
        StudentRoute.class})
final class EventReflection {

    private EventReflection() {
    }
}
