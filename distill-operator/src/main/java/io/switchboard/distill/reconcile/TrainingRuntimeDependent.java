package io.switchboard.distill.reconcile;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.TrainJobModel;

/** The job's own TrainingRuntime, which its TrainJobs run on; kept in step with the spec. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=train"))
public class TrainingRuntimeDependent extends GenericKubernetesDependentResource<DistillationJob>
        implements
            Creator<GenericKubernetesResource, DistillationJob>,
            Updater<GenericKubernetesResource, DistillationJob>,
            GarbageCollected<DistillationJob> {

    @Inject
    PipelineInputs inputs;

    public TrainingRuntimeDependent() {
        super(new GroupVersionKind(TrainJobModel.API_VERSION, TrainJobModel.RUNTIME_KIND));
    }

    @Override
    protected GenericKubernetesResource desired(DistillationJob job, Context<DistillationJob> context) {
        return TrainJobModel.runtime(inputs.of(job));
    }
}
