package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Stage;
import io.switchboard.distill.model.TrainJobModel;
import io.switchboard.distill.model.kubeflow.TrainJob;

/** The training stage's TrainJob, for a student trained on Kubeflow Trainer. Created, never updated, as a Job. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=train"))
public class TrainJobDependent extends PipelineDependent<TrainJob>
        implements
            Creator<TrainJob, DistillationJob>,
            GarbageCollected<DistillationJob> {

    public TrainJobDependent() {
        super(TrainJob.class, Stage.TRAINING::objectName, TrainJobModel::trainJob);
    }
}
