package io.switchboard.distill.reconcile;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.ServingModel;
import io.switchboard.distill.model.Stage;

/** The student's server. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=student"))
public class StudentDeploymentDependent extends CRUDKubernetesDependentResource<Deployment, DistillationJob> {

    @Inject
    PipelineInputs inputs;

    public StudentDeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected Deployment desired(DistillationJob job, Context<DistillationJob> context) {
        return ServingModel.deployment(inputs.of(job));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DistillationJob job, Context<DistillationJob> context) {
        return ObjectIds.of(job, Stage.SERVING);
    }
}
