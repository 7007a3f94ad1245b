package io.switchboard.distill.reconcile;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

/** A Job's outcome as its status conditions say it (Complete or Failed). */
public final class JobStates {

    /** Why a stage's Job or TrainJob failed: its Failed condition's reason and message. */
    public record Failure(String reason, String message) {
    }

    private JobStates() {
    }

    public static boolean succeeded(Job job) {
        return condition(job, "Complete").isPresent();
    }

    /** Held before it runs, as Kueue holds a Job its queue has not admitted. */
    public static boolean suspended(Job job) {
        return job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend());
    }

    public static Optional<JobCondition> failed(Job job) {
        return condition(job, "Failed");
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(condition -> type.equals(condition.getType()) && "True".equals(condition.getStatus()))
                .findFirst();
    }
}
