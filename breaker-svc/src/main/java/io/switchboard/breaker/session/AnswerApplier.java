package io.switchboard.breaker.session;

import java.util.function.Function;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies an owner's answer to the session it is about: continue moves the session's thresholds on (so it runs to the
 * next one), stop settles the question (the router refuses the session from then on). Answers to a question that is
 * no longer open change nothing.
 */
final class AnswerApplier implements Processor<String, SessionAnswer, Void, Void> {

    private final Function<String, SessionRules> rulesOfTeam;
    private KeyValueStore<String, SessionState> sessions;

    AnswerApplier(Function<String, SessionRules> rulesOfTeam) {
        this.rulesOfTeam = rulesOfTeam;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.sessions = context.getStateStore(SessionTopology.SESSIONS_STORE);
    }

    @Override
    public void process(Record<String, SessionAnswer> record) {
        var answer = record.value();
        if (answer == null) {
            return;
        }
        var key = SessionTopology.sessionKey(answer.userId(), answer.sessionId());
        var state = sessions.get(key);
        if (state == null || !answer.confirmationId().equals(state.pendingId())) {
            return;
        }
        sessions.put(key, answer.proceed()
                ? state.continued(answer.extraHours(), rulesOfTeam.apply(state.teamId()))
                : state.settled());
    }
}
