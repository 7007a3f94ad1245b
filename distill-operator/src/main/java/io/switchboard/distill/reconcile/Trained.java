package io.switchboard.distill.reconcile;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.switchboard.distill.api.DistillationJob;

/** The student being tried is trained: its training Job, or on Kubeflow Trainer its TrainJob, succeeded. */
public class Trained implements Condition<Job, DistillationJob> {

    private final JobSucceeded jobSucceeded = new JobSucceeded();

    @Override
    public boolean isMet(DependentResource<Job, DistillationJob> dependent, DistillationJob job,
            Context<DistillationJob> context) {
        if (TrainsOnTrainJob.trainsOnTrainJob(job, context)) {
            return TrainJobStates.current(context, job).filter(TrainJobStates::succeeded).isPresent();
        }
        return jobSucceeded.isMet(dependent, job, context);
    }
}
