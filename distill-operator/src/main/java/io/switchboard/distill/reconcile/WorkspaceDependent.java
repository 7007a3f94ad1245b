package io.switchboard.distill.reconcile;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Stage;
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

    /** A refused spec's claim is the one the job has, ReadWriteOnce or shared: the workflow deletes it then. */
    @Override
    protected ResourceID targetSecondaryResourceID(DistillationJob job, Context<DistillationJob> context) {
        try {
            return ObjectIds.of(job, inputs.of(job).workspaceClaim());
        } catch (PipelineInputs.Refused refused) {
            return eventSource().flatMap(claims -> claims.getSecondaryResources(job).stream()
                    .filter(claim -> claim.getMetadata().getDeletionTimestamp() == null).findFirst())
                    .map(ResourceID::fromResource).orElseGet(() -> ObjectIds.of(job, Stage.WORKSPACE));
        }
    }
}
