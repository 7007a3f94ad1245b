package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.switchboard.distill.api.DistillationJob;

/**
 * While suspended, the stages' Jobs and the student's server are deleted (the workspace stays); resuming starts again
 * from the dataset stage.
 */
public class NotSuspended implements Condition<Object, DistillationJob> {

    @Override
    public boolean isMet(DependentResource<Object, DistillationJob> dependent, DistillationJob job,
            Context<DistillationJob> context) {
        return !Boolean.TRUE.equals(job.getSpec().suspend);
    }
}
