package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.switchboard.distill.model.EvaluationJobModel;
import io.switchboard.distill.model.Stage;

/** The evaluation stage's Job. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=eval"))
public class EvaluationJobDependent extends StageJobDependent {

    public EvaluationJobDependent() {
        super(Stage.EVALUATION, EvaluationJobModel::job);
    }
}
