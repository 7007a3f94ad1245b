package io.switchboard.distill.reconcile;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.ServingModel;
import io.switchboard.distill.model.Stage;

/** The student's Service, which the evaluation (and a promoted route) calls. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=student"))
public class StudentServiceDependent extends PipelineDependent<Service>
        implements
            Creator<Service, DistillationJob>,
            Updater<Service, DistillationJob>,
            GarbageCollected<DistillationJob> {

    public StudentServiceDependent() {
        super(Service.class, Stage.SERVING::objectName, ServingModel::service);
    }
}
