package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.quarkus.arc.Arc;
import io.switchboard.distill.api.DistillationJob;

/**
 * Nothing is built for a spec the operator refuses, and what an earlier spec built is deleted; the reconciler says why
 * in the Accepted condition. A generation the operator accepted and now refuses for a reason of its own (its catalog
 * lost the student's entry, Kubeflow Trainer was uninstalled) keeps what it built, a promoted student included: its
 * workflow stops on the refusal until the cause is mended ({@link DistillationJobReconciler#updateErrorStatus}).
 */
public class Accepted implements Condition<Object, DistillationJob> {

    @Override
    public boolean isMet(DependentResource<Object, DistillationJob> dependent, DistillationJob job,
            Context<DistillationJob> context) {
        // JOSDK instantiates conditions itself, outside CDI
        return Arc.container().instance(PipelineInputs.class).get().check(job, context).refusal().isEmpty()
                || acceptedAsIs(job);
    }

    /** This generation of the spec was accepted: a refusal now is not the spec's. */
    static boolean acceptedAsIs(DistillationJob job) {
        return job.getStatus() != null && Conditions.find(job.getStatus(), Conditions.ACCEPTED)
                .filter(accepted -> "True".equals(accepted.getStatus()))
                .filter(accepted -> Long.valueOf(job.getMetadata().getGeneration())
                        .equals(accepted.getObservedGeneration()))
                .isPresent();
    }
}
