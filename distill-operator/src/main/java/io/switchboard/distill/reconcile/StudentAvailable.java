package io.switchboard.distill.reconcile;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.switchboard.distill.api.DistillationJob;

/** The student being tried answers: the evaluation may start. */
public class StudentAvailable implements Condition<Deployment, DistillationJob> {

    @Override
    public boolean isMet(DependentResource<Deployment, DistillationJob> dependent, DistillationJob job,
            Context<DistillationJob> context) {
        return dependent.getSecondaryResource(job, context)
                .filter(student -> Candidates.ofCurrent(student, job)).map(Deployment::getStatus)
                .map(status -> status.getAvailableReplicas() != null && status.getAvailableReplicas() > 0)
                .orElse(false);
    }
}
