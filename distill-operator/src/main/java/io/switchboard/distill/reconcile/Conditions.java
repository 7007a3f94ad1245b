package io.switchboard.distill.reconcile;

import java.time.Instant;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.switchboard.distill.api.DistillationJobStatus;

/** Kubernetes-style conditions: a transition time that changes only when the status does. */
final class Conditions {

    static final String ACCEPTED = "Accepted";
    static final String DATASET_READY = "DatasetReady";
    static final String TRAINED = "Trained";
    static final String EVALUATED = "Evaluated";
    static final String TRADEOFFS_MET = "TradeoffsMet";
    static final String PROMOTED = "Promoted";
    static final String READY = "Ready";
    static final String FAILED = "Failed";

    private Conditions() {
    }

    static void set(DistillationJobStatus status, long generation, String type, boolean value, String reason,
            String message) {
        String now = Instant.now().toString();
        String state = value ? "True" : "False";
        Condition previous = find(status, type).orElse(null);
        String since = previous != null && state.equals(previous.getStatus())
                ? previous.getLastTransitionTime()
                : now;
        status.conditions.remove(previous);
        status.conditions.add(new ConditionBuilder().withType(type).withStatus(state).withReason(reason)
                .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(since).build());
    }

    static boolean isTrue(DistillationJobStatus status, String type) {
        return find(status, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static Optional<Condition> find(DistillationJobStatus status, String type) {
        return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
