package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The trade-offs the owner accepts: a student that meets all of them may be promoted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Acceptance {

    @Required
    @Pattern(Patterns.DECIMAL)
    @ValidationRule(value = "double(self) > 0.0", message = "spec.acceptance.minRelativeAccuracy must be above 0, e.g. \"0.95\"")
    @JsonPropertyDescription("Minimum student accuracy divided by the teacher's, e.g. \"0.95\".")
    public String minRelativeAccuracy;

    @Pattern("^[1-9][0-9]{0,8}(ms|s)$")
    @JsonPropertyDescription("Maximum p95 latency of the student, e.g. \"800ms\" or \"2s\".")
    public String maxP95Latency;

    @Pattern(Patterns.DECIMAL)
    @ValidationRule(value = "double(self) > 0.0", message = "spec.acceptance.maxCostRatio must be above 0, e.g. \"0.2\"")
    @JsonPropertyDescription("Maximum student cost per million tokens divided by the teacher's, e.g. \"0.2\".")
    public String maxCostRatio;
}
