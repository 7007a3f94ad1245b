package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.TrainJobModel;
import io.switchboard.distill.model.kubeflow.TrainingRuntime;

/** The job's own TrainingRuntime, which its TrainJobs run on; kept in step with the spec. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=train"))
public class TrainingRuntimeDependent extends PipelineDependent<TrainingRuntime>
        implements
            Creator<TrainingRuntime, DistillationJob>,
            Updater<TrainingRuntime, DistillationJob>,
            GarbageCollected<DistillationJob> {

    public TrainingRuntimeDependent() {
        super(TrainingRuntime.class, TrainJobModel::runtimeName, TrainJobModel::runtime);
    }
}
