package io.switchboard.distill.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A promotion by steps: the student serves a growing share of the workload's requests while its live error ratio and
 * p95 latency stay within bounds, and is withdrawn when they do not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Canary {

    @Required
    @Size(min = 1, max = 10)
    @ValidationRule(value = "self.all(s, s >= 1 && s <= 100)", message = "spec.promotion.canary.steps: each step is a percent from 1 to 100")
    @ValidationRule(value = "self[size(self) - 1] == 100", message = "spec.promotion.canary.steps: the last step is 100")
    @JsonPropertyDescription("The shares of the requests the student serves, in percent, growing, the last 100, e.g. [10, 50, 100].")
    public List<Integer> steps;

    @Pattern("^[1-9][0-9]{0,8}(s|m|h)$")
    @JsonPropertyDescription("How long each step lasts before the next, e.g. \"10m\" (default); a step also waits for minRequests.")
    public String interval;

    @Min(1)
    @JsonPropertyDescription("Requests the student must have answered at a step before it is judged (default 100).")
    public Integer minRequests;

    @Pattern(Patterns.DECIMAL)
    @JsonPropertyDescription("The most of the student's requests that may fail at a step, e.g. \"0.05\" (default); its p95 latency is held to spec.acceptance.maxP95Latency.")
    public String maxErrorRatio;
}
