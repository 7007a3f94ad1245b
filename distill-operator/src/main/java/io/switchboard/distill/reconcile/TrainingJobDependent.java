package io.switchboard.distill.reconcile;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Stage;
import io.switchboard.distill.model.TrainingJobModel;

/**
 * The training stage's Job. A student trained on Kubeflow Trainer gets none: {@link TrainJobDependent} makes its
 * TrainJob, and this node only keeps its place in the workflow, ready once the TrainJob succeeded ({@link Trained}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = "switchboard.dev/stage=train"))
public class TrainingJobDependent extends StageJobDependent {

    public TrainingJobDependent() {
        super(Stage.TRAINING, TrainingJobModel::job);
    }

    @Override
    public ReconcileResult<Job> reconcile(DistillationJob job, Context<DistillationJob> context) {
        return TrainsOnTrainJob.trainsOnTrainJob(job, context)
                ? ReconcileResult.noOperation(null)
                : super.reconcile(job, context);
    }
}
