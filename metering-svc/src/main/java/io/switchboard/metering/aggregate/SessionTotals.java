package io.switchboard.metering.aggregate;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.events.UsageEvent;

/** What one agent session of one user has used so far, and when it was first and last seen (event time). */
@RegisterForReflection
public record SessionTotals(String sessionId, String user, String team, String client, Instant firstSeen,
        Instant lastSeen, SpendTotals totals) {

    public static SessionTotals of(UsageEvent event) {
        return new SessionTotals(event.sessionId(), event.userId(), event.teamId(), event.client().name(),
                event.time(), event.time(), SpendTotals.of(event));
    }

    public SessionTotals plus(UsageEvent event) {
        var first = event.time().isBefore(firstSeen) ? event.time() : firstSeen;
        var last = event.time().isAfter(lastSeen) ? event.time() : lastSeen;
        return new SessionTotals(sessionId, user, team, client, first, last, totals.plus(SpendTotals.of(event)));
    }

    /** Sessions are per user: two users may send the same session header. */
    public static String key(String user, String sessionId) {
        return user + SpendKey.SEP + sessionId;
    }

    /** The smallest key of {@code user}'s sessions, for a prefix scan. */
    public static String userPrefix(String user) {
        return user + SpendKey.SEP;
    }
}
