package io.switchboard.distill.reconcile;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.ServingModel;
import io.switchboard.distill.model.Stage;

/** The student's Service, which the evaluation (and a promoted route) calls. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=student"))
public class StudentServiceDependent extends CRUDKubernetesDependentResource<Service, DistillationJob> {

    @Inject
    PipelineInputs inputs;

    public StudentServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(DistillationJob job, Context<DistillationJob> context) {
        return ServingModel.service(inputs.of(job));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DistillationJob job, Context<DistillationJob> context) {
        return ObjectIds.of(job, Stage.SERVING);
    }
}
