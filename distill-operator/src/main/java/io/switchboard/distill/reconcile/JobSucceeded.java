package io.switchboard.distill.reconcile;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.switchboard.distill.api.DistillationJob;

/** A stage's Job is done, for the student being tried: the next stage may start. */
public class JobSucceeded implements Condition<Job, DistillationJob> {

    @Override
    public boolean isMet(DependentResource<Job, DistillationJob> dependent, DistillationJob job,
            Context<DistillationJob> context) {
        return dependent.getSecondaryResource(job, context)
                .filter(stageJob -> Candidates.ofCurrent(stageJob, job)).map(JobStates::succeeded).orElse(false);
    }
}
