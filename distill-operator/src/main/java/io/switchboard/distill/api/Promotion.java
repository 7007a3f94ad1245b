package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;

/** How a student that meets the trade-offs is put into the router. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Promotion {

    /** Auto routes the student without an approval step; Manual only reports. */
    public enum Mode {
        Auto, Manual
    }

    @JsonPropertyDescription("Auto or Manual (default Manual).")
    public Mode mode;

    @Pattern(Patterns.MODEL)
    @JsonPropertyDescription("The model name the student is routed as (default: the teacher).")
    public String model;

    @Pattern(Patterns.WORKLOAD)
    @JsonPropertyDescription("The workload tag whose requests the student serves (default: the task).")
    public String workload;

    @JsonPropertyDescription("Route the student by steps, watching its live requests (default: all requests at once).")
    public Canary canary;

    @JsonPropertyDescription("Ask the teacher a share of the student's answered requests too, and withdraw the route when their answers stop agreeing (ExactMatch evals only).")
    public Shadow shadow;
}
