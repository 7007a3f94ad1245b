package io.switchboard.distill.reconcile;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.TrainJobModel;

/** The training stage's TrainJob, for a student trained on Kubeflow Trainer. Created, never updated, as a Job. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=train"))
public class TrainJobDependent extends GenericKubernetesDependentResource<DistillationJob>
        implements
            Creator<GenericKubernetesResource, DistillationJob>,
            GarbageCollected<DistillationJob> {

    @Inject
    PipelineInputs inputs;

    public TrainJobDependent() {
        super(new GroupVersionKind(TrainJobModel.API_VERSION, TrainJobModel.KIND));
    }

    @Override
    protected GenericKubernetesResource desired(DistillationJob job, Context<DistillationJob> context) {
        return TrainJobModel.trainJob(inputs.of(job));
    }
}
