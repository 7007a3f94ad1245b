package io.switchboard.distill.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.switchboard.distill.model.DatasetJobModel;
import io.switchboard.distill.model.Stage;

/** The dataset stage's Job. */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=dataset"))
public class DatasetJobDependent extends StageJobDependent {

    public DatasetJobDependent() {
        super(Stage.DATASET, DatasetJobModel::job);
    }
}
