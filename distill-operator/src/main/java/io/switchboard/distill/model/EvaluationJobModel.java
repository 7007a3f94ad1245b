package io.switchboard.distill.model;

import java.util.Map;

import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.switchboard.distill.worker.WorkerSettings;

/**
 * The evaluation stage: the worker asks the student (its Service) and the teacher (through the router) the held-out
 * examples, scores them by the spec's evals and writes the report to the workspace; the dataset stage's counts and the
 * trainer's metrics go into it.
 */
public final class EvaluationJobModel {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private EvaluationJobModel() {
    }

    public static Job job(Inputs inputs) {
        var settings = Map.of(WorkerSettings.EVALUATION_EXAMPLES, Inputs.DATA + "/eval.jsonl",
                WorkerSettings.EVALUATION_DATASET, Inputs.DATA + "/dataset.json",
                WorkerSettings.EVALUATION_STUDENT_URL, ServingModel.url(inputs),
                WorkerSettings.EVALUATION_STUDENT_MODEL, inputs.servedName(),
                WorkerSettings.EVALUATION_EVALS, JSON.asJson(inputs.spec().evals),
                WorkerSettings.EVALUATION_SERVING_COST_PER_HOUR, inputs.student().servingCostPerHour(),
                WorkerSettings.EVALUATION_METRICS, inputs.artifact() + "/metrics.json",
                WorkerSettings.EVALUATION_REPORT, Inputs.WORKSPACE + "/report");
        var pod = new PodSpecBuilder().addNewContainer().withName("evaluation")
                .withImage(inputs.config().workerImage()).withEnv(Pods.workerEnv(inputs, "evaluate", settings))
                .addToVolumeMounts(Pods.workspaceMount(false)).endContainer().withVolumes(Pods.workspace(inputs))
                .build();
        return Pods.job(inputs, Stage.EVALUATION, pod);
    }
}
