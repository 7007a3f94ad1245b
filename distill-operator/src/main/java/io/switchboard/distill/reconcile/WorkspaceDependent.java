package io.switchboard.distill.reconcile;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Stage;
import io.switchboard.distill.model.WorkspaceModel;

/** The workspace claim; created once (a bound claim's spec cannot shrink), deleted with its owner. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=workspace"))
public class WorkspaceDependent extends PipelineDependent<PersistentVolumeClaim>
        implements
            Creator<PersistentVolumeClaim, DistillationJob>,
            GarbageCollected<DistillationJob> {

    public WorkspaceDependent() {
        super(PersistentVolumeClaim.class, Stage.WORKSPACE::objectName, WorkspaceModel::claim);
    }

    /**
     * The spec's claim, ReadWriteOnce or shared; for a refused spec, the one the job has: the workflow deletes it
     * then.
     */
    @Override
    protected ResourceID targetSecondaryResourceID(DistillationJob job, Context<DistillationJob> context) {
        try {
            return named(job, inputs.of(job, context).workspaceClaim());
        } catch (PipelineInputs.Refused refused) {
            return eventSource().flatMap(claims -> claims.getSecondaryResources(job).stream()
                    .filter(claim -> claim.getMetadata().getDeletionTimestamp() == null).findFirst())
                    .map(ResourceID::fromResource).orElseGet(() -> super.targetSecondaryResourceID(job, context));
        }
    }
}
