package io.switchboard.distill.reconcile;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.WorkspaceModel;

/** The workspace claim; created once (a bound claim's spec cannot shrink), deleted with its owner. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=workspace"))
public class WorkspaceDependent extends KubernetesDependentResource<PersistentVolumeClaim, DistillationJob>
        implements
            Creator<PersistentVolumeClaim, DistillationJob>,
            GarbageCollected<DistillationJob> {

    @Inject
    PipelineInputs inputs;

    public WorkspaceDependent() {
        super(PersistentVolumeClaim.class);
    }

    @Override
    protected PersistentVolumeClaim desired(DistillationJob job, Context<DistillationJob> context) {
        return WorkspaceModel.claim(inputs.of(job));
    }
}
