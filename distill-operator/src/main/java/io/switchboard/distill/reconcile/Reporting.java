package io.switchboard.distill.reconcile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.switchboard.distill.api.CandidateStatus;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobStatus;
import io.switchboard.distill.api.Result;
import io.switchboard.distill.model.Inputs;
import io.switchboard.distill.model.Stage;
import io.switchboard.distill.report.EvaluationSummary;
import io.switchboard.distill.report.ReportMarkdown;
import io.switchboard.distill.report.SummaryJson;
import io.switchboard.distill.report.SummaryJson.UnreadableSummary;
import io.switchboard.distill.report.Tradeoffs;
import io.switchboard.distill.report.Tradeoffs.Verdict;

/**
 * The report of a finished evaluation: each candidate's summary is read once from its evaluation pod's termination
 * message (pods do not last) and kept in the ConfigMap {@code <job>-report}, owned by the job, as
 * {@code <candidate>.json}; the chosen student's (or the closest one's) becomes {@code report.json} and
 * {@code report.md}, and the status gets its headline figures and the TradeoffsMet verdict.
 */
final class Reporting {

    static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
    static final String CONTAINER = "evaluation";
    private static final String JSON = "report.json";
    private static final String MARKDOWN = "report.md";

    /** What the report says, for the promotion. */
    record Report(String configMap, EvaluationSummary summary) {
    }

    /**
     * The TradeoffsMet condition.
     *
     * @param candidates the report's table of candidates; empty for spec.student
     */
    record Outcome(boolean met, String reason, String message, List<CandidateStatus> candidates) {

        static Outcome of(Verdict verdict) {
            return new Outcome(verdict.met(), verdict.reason(), verdict.message(), List.of());
        }
    }

    private Reporting() {
    }

    private static String configMapName(String job) {
        return job + "-report";
    }

    /** The evaluated candidate's summary: kept in the report ConfigMap, or read from its pod and kept there. */
    static EvaluationSummary evaluated(DistillationJob job, Inputs inputs, Job evaluation, KubernetesClient client)
            throws UnreadableSummary {
        String key = inputs.student().name() + ".json";
        Map<String, String> data = kept(inputs, client);
        String json = data.get(key);
        if (json != null) {
            return SummaryJson.read(json);
        }
        json = terminationMessage(evaluation, client);
        EvaluationSummary summary = SummaryJson.read(json);
        data.put(key, json);
        client.resource(configMap(job, inputs, data)).createOr(NonDeletingOperation::update);
        return summary;
    }

    /** A candidate's summary kept by {@link #evaluated}. */
    static EvaluationSummary kept(Inputs inputs, String candidate, KubernetesClient client) throws UnreadableSummary {
        String json = kept(inputs, client).get(candidate + ".json");
        if (json == null) {
            throw new UnreadableSummary("the report ConfigMap " + configMapName(inputs.job()) + " keeps no summary of "
                    + candidate);
        }
        return SummaryJson.read(json);
    }

    /**
     * Writes the report of the chosen (or closest) candidate, whose summary {@link #evaluated} kept, once per
     * generation; and the status figures.
     */
    static Report report(DistillationJob job, Inputs inputs, String candidate, EvaluationSummary summary,
            Outcome outcome, DistillationJobStatus status, KubernetesClient client) {
        String name = configMapName(inputs.job());
        Map<String, String> data = kept(inputs, client);
        if (!data.containsKey(JSON)) {
            data.put(JSON, data.get(candidate + ".json"));
            data.put(MARKDOWN, ReportMarkdown.render(inputs.namespace() + "/" + inputs.job(), candidate, summary,
                    Tradeoffs.judge(inputs.spec().acceptance, summary), outcome.candidates()));
            client.resource(configMap(job, inputs, data)).createOr(NonDeletingOperation::update);
        }
        status.report = name;
        status.result = result(summary);
        Conditions.set(status, inputs.generation(), Conditions.TRADEOFFS_MET, outcome.met(), outcome.reason(),
                outcome.message());
        return new Report(name, summary);
    }

    /** The report ConfigMap's data for this generation of the spec (a copy), empty when there is none yet. */
    private static Map<String, String> kept(Inputs inputs, KubernetesClient client) {
        ConfigMap kept = client.configMaps().inNamespace(inputs.namespace()).withName(configMapName(inputs.job()))
                .get();
        boolean current = kept != null && kept.getData() != null && Long.toString(inputs.generation())
                .equals(kept.getMetadata().getAnnotations().get(Inputs.GENERATION_ANNOTATION));
        return current ? new TreeMap<>(kept.getData()) : new TreeMap<>();
    }

    /** The message the evaluation container of a succeeded pod of the Job left. */
    private static String terminationMessage(Job evaluation, KubernetesClient client) throws UnreadableSummary {
        String job = evaluation.getMetadata().getName();
        return client.pods().inNamespace(evaluation.getMetadata().getNamespace()).withLabel(JOB_NAME_LABEL, job)
                .list().getItems().stream().filter(pod -> ownedBy(pod, evaluation))
                .map(Reporting::succeededMessage).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new UnreadableSummary("no pod of Job " + job + " has a termination message from its "
                        + CONTAINER + " container"));
    }

    /** A pod of this Job, not of an earlier one of the same name. */
    private static boolean ownedBy(Pod pod, Job job) {
        return pod.getMetadata().getOwnerReferences().stream()
                .anyMatch(owner -> Objects.equals(owner.getUid(), job.getMetadata().getUid()));
    }

    private static Optional<String> succeededMessage(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream().filter(c -> CONTAINER.equals(c.getName()))
                .map(ContainerStatus::getState).filter(Objects::nonNull).map(ContainerState::getTerminated)
                .filter(done -> done != null && Integer.valueOf(0).equals(done.getExitCode()))
                .map(ContainerStateTerminated::getMessage).filter(Objects::nonNull).findFirst();
    }

    private static ConfigMap configMap(DistillationJob job, Inputs inputs, Map<String, String> data) {
        ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName(configMapName(inputs.job()))
                .withNamespace(inputs.namespace()).withLabels(inputs.labels(Stage.EVALUATION))
                .addToAnnotations(Inputs.GENERATION_ANNOTATION, Long.toString(inputs.generation())).endMetadata()
                .withData(data).build();
        configMap.addOwnerReference(job);
        return configMap;
    }

    static Result result(EvaluationSummary summary) {
        Result result = new Result();
        result.relativeAccuracy = summary.relativeAccuracy();
        result.costRatio = summary.costRatio();
        result.speedRatio = summary.speedRatio();
        result.teacherP95LatencyMillis = summary.teacher().p95LatencyMillis();
        result.studentP95LatencyMillis = summary.student().p95LatencyMillis();
        return result;
    }
}
