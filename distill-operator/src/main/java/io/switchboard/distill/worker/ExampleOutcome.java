package io.switchboard.distill.worker;

import java.util.List;

/**
 * One held-out example's outcome on both sides: a line of the report's {@code examples.jsonl}, to see what the
 * student got wrong. It stays in the workspace, with the data it is about.
 *
 * @param reference the answer scored against
 */
record ExampleOutcome(String id, String reference, Answer teacher, Answer student) {

    /**
     * @param answer {@code null} when the request failed
     * @param failure why it did, else {@code null}
     * @param passed whether it passed each eval, in the spec's order
     */
    record Answer(String answer, String failure, long latencyMillis, long promptTokens, long completionTokens,
            List<Boolean> passed) {

        static Answer of(Reply reply, List<Boolean> passed) {
            return new Answer(reply.answer(), reply.failure(), Math.round(reply.latencyNanos() / 1e6),
                    reply.promptTokens(), reply.completionTokens(), passed);
        }
    }
}
