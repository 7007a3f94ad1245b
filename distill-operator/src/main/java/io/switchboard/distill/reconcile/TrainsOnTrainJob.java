package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.quarkus.arc.Arc;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.Training;

/**
 * The job can run, and its student trains on Kubeflow Trainer; or the operator refuses a generation it had accepted
 * ({@link Accepted#acceptedAsIs}) whose TrainJob exists, which is kept.
 */
public class TrainsOnTrainJob implements Condition<Object, DistillationJob> {

    @Override
    public boolean isMet(DependentResource<Object, DistillationJob> dependent, DistillationJob job,
            Context<DistillationJob> context) {
        return trainsOnTrainJob(job, context);
    }

    static boolean trainsOnTrainJob(DistillationJob job, Context<DistillationJob> context) {
        try {
            return Arc.container().instance(PipelineInputs.class).get().of(job, context)
                    .backend() == Training.Backend.TrainJob;
        } catch (PipelineInputs.Refused refused) {
            return Accepted.acceptedAsIs(job) && TrainJobStates.of(context).findAny().isPresent();
        }
    }
}
