package io.switchboard.distill.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What to distil, from which data, judged how, and when the student is good enough to be routed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.student) != has(self.candidates)", message = "spec: set exactly one of student, candidates")
@ValidationRule(value = "!has(self.training) || !has(self.training.parallelism) || self.training.parallelism == 1 || has(self.candidates)", message = "spec.training.parallelism: training more than one at once needs spec.candidates")
public class DistillationJobSpec {

    /** The word of {@link #candidates} that stands for every catalog entry fitting the job. */
    public static final String AUTO = "auto";

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

    @JsonPropertyDescription("The one student to train; or spec.candidates, to let the pipeline choose.")
    public Student student;

    @Size(min = 1, max = 16)
    @ValidationRule(value = "!('auto' in self) || size(self) == 1", message = "spec.candidates: auto stands alone")
    @ValidationRule(value = "self.all(c, self.exists_one(d, d == c))", message = "spec.candidates: each entry at most once")
    @JsonPropertyDescription("Catalog entries the pipeline tries, cheapest first, promoting the first that meets spec.acceptance; [auto] is every entry that fits the evals and spec.resources.")
    public List<String> candidates;

    @Required
    public Acceptance acceptance;

    public Promotion promotion;

    public Resources resources;

    public Training training;

    @JsonPropertyDescription("True stops the pipeline: its Jobs and the student's server are deleted, the workspace is kept; false starts it again from the dataset stage.")
    public Boolean suspend;

    @Min(1)
    @JsonPropertyDescription("Seconds the whole pipeline may run before it fails with reason DeadlineExceeded.")
    public Long activeDeadlineSeconds;
}
