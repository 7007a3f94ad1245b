package io.switchboard.distill.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** What to distil, from which data, judged how, and when the student is good enough to be routed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DistillationJobSpec {

    @Required
    @Pattern(Patterns.MODEL)
    @JsonPropertyDescription("The teacher: a model name the router serves.")
    public String teacher;

    @Required
    @Pattern(Patterns.WORKLOAD)
    @JsonPropertyDescription("The task: the router workload tag (x-switchboard-workload) whose requests the student learns.")
    public String task;

    @Required
    public Dataset dataset;

    public Split split;

    @Required
    @Size(min = 1, max = 8)
    @JsonPropertyDescription("How student answers are scored against the teacher's; weights say how much each counts.")
    public List<Eval> evals;

    @Required
    public Student student;

    @Required
    public Acceptance acceptance;

    public Promotion promotion;

    public Resources resources;

    @JsonPropertyDescription("True stops the pipeline: its Jobs and the student's server are deleted, the workspace is kept; false starts it again from the dataset stage.")
    public Boolean suspend;

    @Min(1)
    @JsonPropertyDescription("Seconds the whole pipeline may run before it fails with reason DeadlineExceeded.")
    public Long activeDeadlineSeconds;
}
