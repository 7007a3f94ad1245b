package io.switchboard.runtime.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.common.TopicPartition;

/**
 * Where a reader of a whole topic stands: whether Kafka answers it, whether it has once read to the end offsets it
 * found when Kafka first answered (until then what it holds may be missing anything), how far behind it is. Kept apart
 * from the consumer so that the rules are plain to test. Written by the reader's thread only, read from any as one
 * {@link Status}; each change of state is logged once, not each retry.
 */
public final class FeedProgress {

    private static final Logger LOGGER = Logger.getLogger(FeedProgress.class.getName());

    public enum State {
        /** Kafka has not answered yet, or stopped answering: the reader retries with backoff. */
        CONNECTING,
        /** Reading towards the end offsets found when Kafka first answered. */
        CATCHING_UP,
        /** Following the topic. */
        LIVE,
        /** The reader's thread has ended: closed, or ended by an error. */
        STOPPED
    }

    /**
     * @param caughtUp whether the reader has read, once, to the end offsets it found at its start; stays true
     * @param recordsBehind records between its positions and the topic's end when Kafka last answered; -1 before
     * @param lastContact when Kafka last answered, or {@code null}
     * @param problem why the reader is connecting or stopped (an exception's class and message), else empty
     */
    public record Status(State state, boolean caughtUp, long recordsBehind, Instant lastContact, String problem) {

        /** Time since Kafka last answered, or since {@code since} when it never has. */
        public Duration sinceContact(Instant since, Instant now) {
            return Duration.between(lastContact == null ? since : lastContact, now);
        }
    }

    private final String what;
    private Map<TopicPartition, Long> targets;
    private volatile Status status = new Status(State.CONNECTING, false, -1, null, "");

    /** @param what the topic's content, for the log: "decisions" */
    public FeedProgress(String what) {
        this.what = what;
    }

    public Status status() {
        return status;
    }

    /**
     * Kafka answered with the topic's end offsets; {@code positions} are the reader's. The first end offsets are the
     * ones to catch up with.
     */
    public void observed(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ends, Instant now) {
        if (targets == null) {
            targets = Map.copyOf(ends);
        }
        long behind = 0;
        for (var end : ends.entrySet()) {
            behind += Math.max(0, end.getValue() - positions.getOrDefault(end.getKey(), 0L));
        }
        boolean caughtUp = status.caughtUp() || targets.entrySet().stream()
                .allMatch(target -> positions.getOrDefault(target.getKey(), 0L) >= target.getValue());
        var state = caughtUp ? State.LIVE : State.CATCHING_UP;
        var previous = status;
        status = new Status(state, caughtUp, behind, now, "");
        if (caughtUp && !previous.caughtUp()) {
            LOGGER.info(() -> what + " caught up with the " + targets.size() + " partitions' end offsets found at "
                    + "the start");
        } else if (previous.state() == State.CONNECTING && previous.lastContact() != null) {
            LOGGER.info(what + " reach Kafka again, " + state.name().toLowerCase() + ", " + behind
                    + " records behind");
        }
    }

    /** A call to Kafka failed: logged when the state changes or the failure is of another kind, not on each retry. */
    public void failed(RuntimeException failure, Instant now) {
        var previous = status;
        var problem = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        status = new Status(State.CONNECTING, previous.caughtUp(), previous.recordsBehind(), previous.lastContact(),
                problem);
        if (previous.state() != State.CONNECTING || !sameKind(previous.problem(), failure)) {
            LOGGER.warning(() -> what + " cannot be read (" + problem + "); retrying with backoff, "
                    + (previous.caughtUp() ? "those known stay in force" : "none known yet"));
        }
    }

    /** The reader's thread ends: {@code cause} is the error that ended it, or {@code null} when it was closed. */
    public void stopped(Throwable cause) {
        var previous = status;
        var problem = cause == null ? "" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        status = new Status(State.STOPPED, previous.caughtUp(), previous.recordsBehind(), previous.lastContact(),
                problem);
        if (cause != null) {
            LOGGER.log(Level.SEVERE, what + " are no longer read (" + problem + "); restart the process", cause);
        }
    }

    private static boolean sameKind(String problem, RuntimeException failure) {
        return problem.startsWith(failure.getClass().getSimpleName() + ":");
    }
}
