package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.switchboard.distill.model.TrainingJobModel;

/** The training stage's Job. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=train"))
public class TrainingJobDependent extends StageJobDependent {

    public TrainingJobDependent() {
        super(TrainingJobModel::job);
    }
}
