package io.switchboard.distill.reconcile;

import jakarta.inject.Inject;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.TrainJobModel;
import io.switchboard.distill.model.kubeflow.TrainingRuntime;

/** The job's own TrainingRuntime, which its TrainJobs run on; kept in step with the spec. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=train"))
public class TrainingRuntimeDependent extends KubernetesDependentResource<TrainingRuntime, DistillationJob>
        implements
            Creator<TrainingRuntime, DistillationJob>,
            Updater<TrainingRuntime, DistillationJob>,
            GarbageCollected<DistillationJob> {

    @Inject
    PipelineInputs inputs;

    public TrainingRuntimeDependent() {
        super(TrainingRuntime.class);
    }

    @Override
    protected TrainingRuntime desired(DistillationJob job, Context<DistillationJob> context) {
        return TrainJobModel.runtime(inputs.of(job));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DistillationJob job, Context<DistillationJob> context) {
        return ObjectIds.of(job, TrainJobModel.runtimeName(job.getMetadata().getName()));
    }
}
