package io.switchboard.distill.reconcile;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
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
 * The report of a finished evaluation: the summary is read once from the evaluation pod's termination message (pods
 * do not last) and kept in the ConfigMap {@code <job>-report}, owned by the job; the status gets its headline figures
 * and the TradeoffsMet verdict.
 */
final class Reporting {

    static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
    static final String CONTAINER = "evaluation";
    private static final String JSON = "report.json";
    private static final String MARKDOWN = "report.md";

    /** What the report says, for the promotion. */
    record Report(String configMap, EvaluationSummary summary, Verdict verdict) {
    }

    private Reporting() {
    }

    private static String configMapName(String job) {
        return job + "-report";
    }

    static Report report(DistillationJob job, Inputs inputs, Job evaluation, DistillationJobStatus status,
            KubernetesClient client) throws UnreadableSummary {
        String name = configMapName(inputs.job());
        ConfigMap kept = client.configMaps().inNamespace(inputs.namespace()).withName(name).get();
        boolean current = kept != null && kept.getData() != null && Long.toString(inputs.generation())
                .equals(kept.getMetadata().getAnnotations().get(Inputs.GENERATION_ANNOTATION));
        String json = current ? kept.getData().get(JSON) : terminationMessage(evaluation, client);
        EvaluationSummary summary = SummaryJson.read(json);
        Verdict verdict = Tradeoffs.judge(inputs.spec().acceptance, summary);
        if (!current) {
            String markdown = ReportMarkdown.render(inputs.namespace() + "/" + inputs.job(),
                    inputs.spec().student.base, summary, verdict);
            client.resource(configMap(job, inputs, json, markdown)).createOr(NonDeletingOperation::update);
        }
        status.report = name;
        status.result = result(summary);
        Conditions.set(status, inputs.generation(), Conditions.TRADEOFFS_MET, verdict.met(), verdict.reason(),
                verdict.message());
        return new Report(name, summary, verdict);
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

    private static ConfigMap configMap(DistillationJob job, Inputs inputs, String json, String markdown) {
        ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName(configMapName(inputs.job()))
                .withNamespace(inputs.namespace()).withLabels(inputs.labels(Stage.EVALUATION))
                .addToAnnotations(Inputs.GENERATION_ANNOTATION, Long.toString(inputs.generation())).endMetadata()
                .withData(Map.of(JSON, json, MARKDOWN, markdown)).build();
        configMap.addOwnerReference(job);
        return configMap;
    }

    private static Result result(EvaluationSummary summary) {
        Result result = new Result();
        result.relativeAccuracy = summary.relativeAccuracy();
        result.costRatio = summary.costRatio();
        result.speedRatio = summary.speedRatio();
        result.teacherP95LatencyMillis = summary.teacher().p95LatencyMillis();
        result.studentP95LatencyMillis = summary.student().p95LatencyMillis();
        return result;
    }
}
