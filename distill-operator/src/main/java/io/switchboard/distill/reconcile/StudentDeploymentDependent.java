package io.switchboard.distill.reconcile;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.ServingModel;
import io.switchboard.distill.model.Stage;

/** The student's server. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=student"))
public class StudentDeploymentDependent extends PipelineDependent<Deployment>
        implements
            Creator<Deployment, DistillationJob>,
            Updater<Deployment, DistillationJob>,
            GarbageCollected<DistillationJob> {

    public StudentDeploymentDependent() {
        super(Deployment.class, Stage.SERVING::objectName, ServingModel::deployment);
    }
}
