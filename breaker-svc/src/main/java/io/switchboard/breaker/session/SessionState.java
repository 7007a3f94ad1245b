package io.switchboard.breaker.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.events.Tokens;
import io.switchboard.events.UsageEvent;

/**
 * One agent session as the breaker follows it: its tokens by kind, cost, models and client. Active time adds up the
 * gaps between requests that are shorter than the idle gap. The thresholds start at the team's rules and move on each time the owner says continue.
 *
 * @param repeats how many consecutive requests carried the same fingerprint as the last one
 * @param pendingId the open question about this session, or {@code null}
 * @param pendingRule the rule the open question is about, and {@code pendingDetail} what shows it
 * @param paused whether a pause decision is in force for it
 */
@RegisterForReflection
public record SessionState(String sessionId, String userId, String teamId, String client, Instant firstSeen,
        Instant lastSeen, long activeMillis, long requests, Tokens tokensByKind, long costMicros, List<String> models,
        String lastFingerprint, int repeats, long durationThresholdMillis, long tokenThreshold, long costThreshold,
        long costAtLastAnswer, UUID pendingId, Instant pendingSince, String pendingRule, String pendingDetail,
        boolean paused) {

    static SessionState start(UsageEvent event, SessionRules rules) {
        return new SessionState(event.sessionId(), event.userId(), event.teamId(), event.client().name(),
                event.time(), event.time(), 0, 0, Tokens.NONE, 0, List.of(), "", 0, rules.activeDuration().toMillis(),
                rules.tokens(), rules.costMicros(), 0, null, null, "", "", false);
    }

    /** This state with one more request, whose idle gaps beyond {@code idleGap} do not count as active. */
    SessionState plus(UsageEvent event, Duration idleGap) {
        long gap = Math.max(0, Duration.between(lastSeen, event.time()).toMillis());
        var seenModels = new TreeSet<>(models);
        if (!event.modelRequested().isEmpty()) {
            seenModels.add(event.modelRequested());
        }
        var fingerprint = event.requestFingerprint();
        int repeated = !fingerprint.isEmpty() && fingerprint.equals(lastFingerprint) ? repeats + 1 : 0;
        return new SessionState(sessionId, userId, teamId, client, firstSeen,
                event.time().isAfter(lastSeen) ? event.time() : lastSeen,
                activeMillis + (gap <= idleGap.toMillis() ? gap : 0), requests + 1, tokensByKind.plus(event.tokens()),
                costMicros + event.costMicros(), List.copyOf(seenModels), fingerprint, repeated,
                durationThresholdMillis, tokenThreshold, costThreshold, costAtLastAnswer, pendingId, pendingSince,
                pendingRule, pendingDetail, paused);
    }

    SessionState asked(UUID id, Instant at, String rule, String detail, boolean pausedNow) {
        return new SessionState(sessionId, userId, teamId, client, firstSeen, lastSeen, activeMillis, requests,
                tokensByKind,
                costMicros, models, lastFingerprint, repeats, durationThresholdMillis, tokenThreshold, costThreshold,
                costAtLastAnswer, id, at, rule, detail, pausedNow);
    }

    SessionState pausedNow() {
        return asked(pendingId, pendingSince, pendingRule, pendingDetail, true);
    }

    /**
     * Continue: the session may run another {@code extraHours} (or a full rule's worth) of active time before it is
     * asked again. Its token and cost thresholds stay crossed: the owner has said it is meant to be heavy.
     */
    SessionState continued(int extraHours, SessionRules rules) {
        long moreMillis = extraHours > 0 ? Duration.ofHours(extraHours).toMillis() : rules.activeDuration().toMillis();
        return new SessionState(sessionId, userId, teamId, client, firstSeen, lastSeen, activeMillis, requests,
                tokensByKind,
                costMicros, models, lastFingerprint, 0, activeMillis + moreMillis, tokenThreshold, costThreshold,
                costMicros, null, null, "", "", false);
    }

    /** Stop, or a question that expired: nobody is waiting for an answer any more. */
    SessionState settled() {
        return new SessionState(sessionId, userId, teamId, client, firstSeen, lastSeen, activeMillis, requests,
                tokensByKind,
                costMicros, models, lastFingerprint, 0, durationThresholdMillis, tokenThreshold, costThreshold,
                costAtLastAnswer, null, null, "", "", paused);
    }

    /** Every token of the session, input and output. */
    long tokens() {
        return tokensByKind.input() + tokensByKind.output();
    }

    /** Cost per hour of active time, in micro-USD. */
    double burnRate() {
        return activeMillis == 0 ? 0 : costMicros * 3_600_000.0 / activeMillis;
    }
}
