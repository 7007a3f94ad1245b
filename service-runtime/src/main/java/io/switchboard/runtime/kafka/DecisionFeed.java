package io.switchboard.runtime.kafka;

import io.switchboard.events.Decision;
import io.switchboard.events.Topics;

/**
 * The whole decisions topic in memory, latest decision per subject ({@link CompactedFeed}): a type of its own so that
 * services inject it by name.
 */
public final class DecisionFeed extends CompactedFeed<Decision> {

    public DecisionFeed(KafkaConnection kafka, String clientId, Listener<Decision> listener) {
        super(kafka, clientId, Topics.DECISIONS, Decision.class, "decisions", listener);
    }
}
