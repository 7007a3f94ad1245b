package io.switchboard.breaker.session;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.switchboard.events.Confirmation;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;

/** What the {@link RunawayDetector} emits: a step of a question, or a pause of a session, each to its own topic. */
sealed interface SessionStep {

    /** Writes a step as its event's JSON; steps are only ever written. */
    Serde<SessionStep> SERDE = Serdes.serdeFrom((topic, step) -> step == null ? null : step.json(),
            (topic, bytes) -> {
                throw new UnsupportedOperationException("session steps are written only");
            });

    String topic();

    String key();

    byte[] json();

    /** A question asked, paused on or expired, keyed by session. */
    record Question(Confirmation confirmation) implements SessionStep {

        @Override
        public String topic() {
            return Topics.CONFIRMATIONS;
        }

        @Override
        public String key() {
            return confirmation.sessionId();
        }

        @Override
        public byte[] json() {
            return EventJson.write(confirmation);
        }
    }

    /** A session paused until its owner answers, keyed by its subject. */
    record Pause(Decision decision) implements SessionStep {

        @Override
        public String topic() {
            return Topics.DECISIONS;
        }

        @Override
        public String key() {
            return decision.subject();
        }

        @Override
        public byte[] json() {
            return EventJson.write(decision);
        }
    }
}
