package io.switchboard.distill.reconcile;

import jakarta.inject.Inject;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Stage;
import io.switchboard.distill.model.TrainJobModel;
import io.switchboard.distill.model.kubeflow.TrainJob;

/** The training stage's TrainJob, for a student trained on Kubeflow Trainer. Created, never updated, as a Job. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=train"))
public class TrainJobDependent extends KubernetesDependentResource<TrainJob, DistillationJob>
        implements
            Creator<TrainJob, DistillationJob>,
            GarbageCollected<DistillationJob> {

    @Inject
    PipelineInputs inputs;

    public TrainJobDependent() {
        super(TrainJob.class);
    }

    @Override
    protected TrainJob desired(DistillationJob job, Context<DistillationJob> context) {
        return TrainJobModel.trainJob(inputs.of(job));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DistillationJob job, Context<DistillationJob> context) {
        return ObjectIds.of(job, Stage.TRAINING);
    }
}
