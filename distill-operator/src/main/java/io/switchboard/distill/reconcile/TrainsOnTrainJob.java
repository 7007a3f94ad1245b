package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.quarkus.arc.Arc;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.Training;

/** The job can run, and its student trains on Kubeflow Trainer. */
public class TrainsOnTrainJob implements Condition<Object, DistillationJob> {

    @Override
    public boolean isMet(DependentResource<Object, DistillationJob> dependent, DistillationJob job,
            Context<DistillationJob> context) {
        return trainsOnTrainJob(job);
    }

    static boolean trainsOnTrainJob(DistillationJob job) {
        try {
            return Arc.container().instance(PipelineInputs.class).get().of(job).backend() == Training.Backend.TrainJob;
        } catch (PipelineInputs.Refused refused) {
            return false;
        }
    }
}
