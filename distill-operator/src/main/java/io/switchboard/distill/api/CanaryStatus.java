package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a canary promotion stands, and what the student's live requests at the current step say. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStatus {

    @JsonPropertyDescription("The index of the current step in spec.promotion.canary.steps.")
    public Integer step;

    @JsonPropertyDescription("The share of the requests the route gives the student, in percent.")
    public Integer share;

    @JsonPropertyDescription("When the route took this share (RFC 3339).")
    public String stepStartTime;

    @JsonPropertyDescription("The student's requests at this step, as the router's usage events report them.")
    public Long requests;

    public Long errors;

    public Long p95LatencyMillis;

    @JsonPropertyDescription("True once the student was withdrawn for its live figures.")
    public Boolean withdrawn;
}
