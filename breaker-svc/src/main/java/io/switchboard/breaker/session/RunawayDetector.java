package io.switchboard.breaker.session;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.switchboard.events.Confirmation;
import io.switchboard.events.Decision;
import io.switchboard.events.UsageEvent;

/**
 * Follows every session of the users of its partition and asks the owner once a session crosses a rule: active for
 * long and heavy in tokens or cost, burning far above its owner's usual rate, or repeating the same request. Emits
 * the question ({@link Confirmation}) and, by the team's policy, a pause ({@link Decision}, with its step on the
 * audit trail). On the wall clock it
 * closes idle sessions (folding them into their owner's usual rate), pauses sessions whose grace is over, and lets
 * unanswered questions expire.
 */
final class RunawayDetector implements Processor<String, UsageEvent, String, SessionStep> {

    private final Function<String, SessionRules> rulesOfTeam;
    private final Questions questions;
    private final Duration idleGap;
    private final Duration checkInterval;
    private ProcessorContext<String, SessionStep> context;
    private KeyValueStore<String, SessionState> sessions;
    private KeyValueStore<String, UserBaseline> users;

    RunawayDetector(Function<String, SessionRules> rulesOfTeam, Questions questions, Duration idleGap,
            Duration checkInterval) {
        this.rulesOfTeam = rulesOfTeam;
        this.questions = questions;
        this.idleGap = idleGap;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, SessionStep> context) {
        this.context = context;
        this.sessions = context.getStateStore(SessionTopology.SESSIONS_STORE);
        this.users = context.getStateStore(SessionTopology.USERS_STORE);
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, now -> check(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, UsageEvent> record) {
        var event = record.value();
        if (event == null || event.sessionId().isEmpty()) {
            return;
        }
        var key = SessionTopology.sessionKey(event.userId(), event.sessionId());
        var rules = rulesOfTeam.apply(event.teamId());
        var previous = sessions.get(key);
        var state = (previous == null ? SessionState.start(event, rules) : previous).plus(event, idleGap);
        if (state.pendingId() == null) {
            var crossed = crossed(state, rules, users.get(event.userId()));
            if (crossed != null) {
                state = ask(state, rules, crossed, event.time());
            }
        }
        sessions.put(key, state);
    }

    /** A rule a session crossed, with what shows it in the owner's words. */
    private record Crossing(String rule, String detail) {
    }

    /** The rule the session crossed, or {@code null}. */
    private static Crossing crossed(SessionState s, SessionRules rules, UserBaseline baseline) {
        if (s.activeMillis() >= s.durationThresholdMillis()
                && (s.tokens() >= s.tokenThreshold() || s.costMicros() >= s.costThreshold())) {
            return new Crossing("duration", "run for " + Questions.hours(s.activeMillis()));
        }
        double usual = baseline == null ? 0 : baseline.usualRate();
        if (usual > 0 && s.costMicros() - s.costAtLastAnswer() >= rules.burnRateMinCostMicros()
                && s.burnRate() >= rules.burnRateFactor() * usual) {
            return new Crossing("burn-rate", String.format("been spending %.0f times your usual cost per hour",
                    s.burnRate() / usual));
        }
        if (s.repeats() + 1 >= rules.loopRepeats()) {
            return new Crossing("loop", "sent " + (s.repeats() + 1) + " identical requests in a row");
        }
        return null;
    }

    private SessionState ask(SessionState state, SessionRules rules, Crossing crossed, Instant now) {
        var id = UUID.randomUUID();
        forward(new SessionStep.Question(questions.requested(id, state, crossed.rule(), crossed.detail(), now)),
                now.toEpochMilli());
        boolean pause = rules.policy() == SessionRules.Policy.PAUSE;
        var asked = state.asked(id, now, crossed.rule(), crossed.detail(), pause);
        if (pause) {
            pause(id, asked, now);
        }
        return asked;
    }

    private void check(Instant now) {
        try (var all = sessions.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                var state = entry.value;
                var rules = rulesOfTeam.apply(state.teamId());
                if (state.pendingId() == null) {
                    if (Duration.between(state.lastSeen(), now).compareTo(idleGap) > 0) {
                        var baseline = users.get(state.userId());
                        users.put(state.userId(), (baseline == null ? UserBaseline.NONE : baseline).plus(state));
                        sessions.delete(entry.key);
                    }
                } else if (!now.isBefore(questions.expiry(state.pendingSince()))) {
                    forward(new SessionStep.Question(questions.expired(state, now)), context.currentSystemTimeMs());
                    sessions.put(entry.key, state.settled());
                } else if (rules.policy() == SessionRules.Policy.PAUSE_AFTER && !state.paused()
                        && Duration.between(state.pendingSince(), now).compareTo(rules.grace()) >= 0) {
                    pause(state.pendingId(), state, now);
                    sessions.put(entry.key, state.pausedNow());
                }
            }
        }
    }

    /** The question's step that says the session is paused, and the pause itself. */
    private void pause(UUID id, SessionState state, Instant now) {
        forward(new SessionStep.Question(questions.paused(id, state, now)), context.currentSystemTimeMs());
        forward(new SessionStep.Pause(questions.pause(id, state, now)), context.currentSystemTimeMs());
    }

    private void forward(SessionStep step, long timestamp) {
        context.forward(new Record<>(step.key(), step, timestamp));
    }
}
