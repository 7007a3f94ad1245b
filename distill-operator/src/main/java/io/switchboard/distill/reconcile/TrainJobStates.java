package io.switchboard.distill.reconcile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Inputs;
import io.switchboard.distill.model.kubeflow.TrainJob;

/** A TrainJob's outcome as Kubeflow Trainer's status conditions say it (Complete or Failed), as a Job's. */
public final class TrainJobStates {

    private TrainJobStates() {
    }

    /** The job's TrainJobs in the informer's cache; none while the Kubeflow Trainer dependents are not active. */
    static Stream<TrainJob> of(Context<DistillationJob> context) {
        return context.getSecondaryResourcesAsStream(TrainJob.class);
    }

    /** The training stage's TrainJob for the job's generation and the candidate being tried. */
    static Optional<TrainJob> current(Context<DistillationJob> context, DistillationJob job) {
        return of(context, job.getMetadata().getGeneration(),
                job.getStatus() == null ? null : job.getStatus().candidate);
    }

    /** The candidate's TrainJob for the generation. */
    static Optional<TrainJob> of(Context<DistillationJob> context, long generation, String candidate) {
        return of(context).filter(trainJob -> DistillationJobReconciler.ofGeneration(trainJob, generation))
                .filter(trainJob -> Objects.equals(candidate,
                        trainJob.getMetadata().getAnnotations().get(Inputs.CANDIDATE_ANNOTATION)))
                .findFirst();
    }

    public static boolean succeeded(TrainJob trainJob) {
        return condition(trainJob, "Complete").isPresent();
    }

    /** Held before it runs, as Kueue holds a TrainJob its queue has not admitted. */
    public static boolean suspended(TrainJob trainJob) {
        return trainJob.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                && Boolean.TRUE.equals(spec.get("suspend"));
    }

    public static Optional<JobStates.Failure> failed(TrainJob trainJob) {
        return condition(trainJob, "Failed")
                .map(condition -> new JobStates.Failure(String.valueOf(condition.get("reason")),
                        String.valueOf(condition.get("message"))));
    }

    /** When it completed or failed. */
    public static Optional<String> ended(TrainJob trainJob) {
        return condition(trainJob, "Complete").or(() -> condition(trainJob, "Failed"))
                .map(condition -> (String) condition.get("lastTransitionTime"));
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> condition(TrainJob trainJob, String type) {
        Object status = trainJob.getAdditionalProperties().get("status");
        Object conditions = status instanceof Map<?, ?> map ? map.get("conditions") : null;
        if (!(conditions instanceof List<?> list)) {
            return Optional.empty();
        }
        return list.stream().filter(Map.class::isInstance).map(condition -> (Map<String, Object>) condition)
                .filter(condition -> type.equals(condition.get("type")) && "True".equals(condition.get("status")))
                .findFirst();
    }
}
