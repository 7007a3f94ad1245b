package io.switchboard.distill.model;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The volume the stages hand their files on: the dataset's split, the trained student and its metrics, the report.
 * ReadWriteOnce, the mode every storage class offers; the stages run one after another, and the student's server and
 * the evaluation then read it from pods the scheduler puts on the claim's node. Training on several nodes, or several
 * candidates at once, needs pods on several nodes to mount it: such a job's claim is ReadWriteMany, of the operator's
 * shared storage class.
 */
public final class WorkspaceModel {

    static final String SIZE = "20Gi";

    private WorkspaceModel() {
    }

    public static PersistentVolumeClaim claim(Inputs inputs) {
        boolean shared = inputs.sharedWorkspace();
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(inputs.workspaceClaim())
                .withNamespace(inputs.namespace()).withLabels(inputs.labels(Stage.WORKSPACE)).endMetadata()
                .withNewSpec().withAccessModes(shared ? "ReadWriteMany" : "ReadWriteOnce")
                .withStorageClassName(shared ? inputs.config().sharedStorageClass().orElseThrow() : null)
                .withNewResources().addToRequests("storage", new Quantity(SIZE)).endResources().endSpec().build();
    }
}
