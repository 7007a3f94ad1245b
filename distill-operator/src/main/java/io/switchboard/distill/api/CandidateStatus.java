package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One of spec.candidates: how far it got and what it measured. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CandidateStatus {

    /** Where a candidate stands. */
    public enum State {
        /** Not tried yet. */
        Pending,
        /** Its training, serving or evaluation is running; a candidate other than status.candidate trains ahead. */
        Running,
        /** Evaluated: it meets every trade-off. */
        Met,
        /** Evaluated: it misses a trade-off. */
        NotMet,
        /** Its training or evaluation Job failed. */
        Failed,
        /** Not evaluated: a cheaper candidate met the trade-offs (its training ahead, if any, was stopped). */
        Skipped
    }

    @JsonPropertyDescription("The catalog entry.")
    public String name;

    @JsonPropertyDescription("Pending, Running, Met, NotMet, Failed or Skipped.")
    public State state;

    @JsonPropertyDescription("Why it stands where it does: the trade-offs it met or missed, or its Job's failure.")
    public String message;

    public Result result;

    public CandidateStatus() {
    }

    public CandidateStatus(String name, State state, String message) {
        this.name = name;
        this.state = state;
        this.message = message;
    }
}
