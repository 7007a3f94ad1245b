package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * Shadow evaluation of a promoted student: the router also asks the teacher a share of the requests the student
 * answered, after the client has the student's answer, and compares the two answers' text; when the share that agree
 * falls below its bound, the route is withdrawn.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Shadow {

    @Required
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("The share of the student's answered requests, streamed or not, the teacher is also asked, in percent, e.g. 5.")
    public Integer percent;

    @Min(1)
    @JsonPropertyDescription("Shadowed requests in the window before the agreement is judged (default 50).")
    public Integer minRequests;

    @Pattern(Patterns.DECIMAL)
    @JsonPropertyDescription("The least share of shadowed requests whose answers agree, e.g. \"0.9\" (default: spec.acceptance.minRelativeAccuracy).")
    public String minAgreement;

    @Pattern("^[1-9][0-9]{0,8}(s|m|h)$")
    @JsonPropertyDescription("How far back the agreement is measured, e.g. \"1h\" (default).")
    public String window;
}
