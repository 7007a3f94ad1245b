package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * Captured traffic as the dataset (switchboard.traces.v1): the exchanges of one workload that the teacher itself
 * answered, newest first, in a time window.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FromTraffic {

    @Pattern(Patterns.WORKLOAD)
    @JsonPropertyDescription("The workload whose captured traffic is read (default: spec.task). The routing file's capture section must name it.")
    public String workload;

    @Pattern("^[1-9][0-9]{0,4}(h|d)$")
    @JsonPropertyDescription("Only exchanges this recent, such as 12h or 7d (default: everything the workload's retention keeps).")
    public String window;

    @Min(1)
    @JsonPropertyDescription("At most this many captured examples, the newest (default 10000).")
    public Integer maxExamples;
}
