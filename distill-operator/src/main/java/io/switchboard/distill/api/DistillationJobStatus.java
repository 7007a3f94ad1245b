package io.switchboard.distill.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/** What the operator observed; the full report is in the ConfigMap named by {@link #report}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DistillationJobStatus {

    public Long observedGeneration;

    @JsonPropertyDescription("Accepted, DatasetReady, Trained, Evaluated, TradeoffsMet, Promoted, Ready, Failed.")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Pending, Dataset, Training, Serving, Evaluation, Report, Canary, Succeeded, Failed or Suspended.")
    public String stage;

    @JsonPropertyDescription("When the current stage started (RFC 3339).")
    public String stageStartTime;

    public String startTime;

    public String completionTime;

    @JsonPropertyDescription("The student's catalog entry: spec.student.base, or of spec.candidates the one being tried, then the one chosen.")
    public String candidate;

    @JsonPropertyDescription("With spec.candidates: each candidate in the order tried, cheapest first.")
    public List<CandidateStatus> candidates;

    @JsonPropertyDescription("The student's figures; with spec.candidates the chosen one's, or the closest one's when none met the trade-offs.")
    public Result result;

    @JsonPropertyDescription("With spec.promotion.canary: the current step and the student's live figures at it.")
    public CanaryStatus canary;

    @JsonPropertyDescription("With spec.promotion.shadow: how often the teacher's answers agree with the promoted student's.")
    public ShadowStatus shadow;

    @JsonPropertyDescription("The ConfigMap holding the report (report.json, report.md).")
    public String report;
}
