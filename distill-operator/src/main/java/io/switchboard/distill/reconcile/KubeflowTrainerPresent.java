package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.quarkus.arc.Arc;
import io.switchboard.distill.api.DistillationJob;

/**
 * Activates the Kubeflow Trainer dependents: their informers start only once the cluster has the CRDs. The condition
 * is the cluster's, not the job's (JOSDK registers an informer on activation and removes it when the condition is
 * false), so that one job's backend never stops another's informer; {@link TrainsOnTrainJob} chooses per job.
 */
public class KubeflowTrainerPresent implements Condition<Object, DistillationJob> {

    @Override
    public boolean isMet(DependentResource<Object, DistillationJob> dependent, DistillationJob job,
            Context<DistillationJob> context) {
        // JOSDK instantiates conditions itself, outside CDI
        return Arc.container().instance(KubeflowTrainer.class).get().available();
    }
}
