package io.switchboard.distill.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** What runs the training stage: a Kubernetes Job on one node, or Kubeflow Trainer's TrainJob on one or more. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.backend) && self.backend == 'Job' && has(self.nodes) && self.nodes > 1)", message = "spec.training.nodes: training on more than one node needs backend TrainJob")
public class Training {

    public enum Backend {
        Job, TrainJob
    }

    @JsonPropertyDescription("Job (one pod) or TrainJob (Kubeflow Trainer runs the trainer under torchrun on each node); default: the catalog entry's backend, else Job.")
    public Backend backend;

    @Min(1)
    @Max(64)
    @JsonPropertyDescription("Nodes of a TrainJob, each with the student's hardware (default 1). More than one needs the operator's shared storage class: every node reads and writes the workspace.")
    public Integer nodes;

    @Min(1)
    @Max(16)
    @JsonPropertyDescription("Candidates trained at once (default 1): beside the one being tried, the next ones, cheapest first, train ahead of their turn. They are still evaluated cheapest first, so the one chosen is the same. Above 1 needs the operator's shared storage class: the trainings share the workspace.")
    public Integer parallelism;
}
