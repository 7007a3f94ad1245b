package io.switchboard.distill.reconcile;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.model.Stage;
import io.switchboard.distill.model.TrainingJobModel;

/**
 * The training stage's Job, for the student being tried; with spec.training.parallelism the reconciler starts the
 * next candidates' own ahead of their turn ({@link TrainingAhead}), and this one finds the Job it started. A student
 * trained on Kubeflow Trainer gets none: {@link TrainJobDependent} makes its TrainJob, and this node only keeps its
 * place in the workflow, ready once the TrainJob succeeded ({@link Trained}).
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

    /** The current candidate's Job; for a refused spec, which cannot name it, the one the job has. */
    @Override
    protected ResourceID targetSecondaryResourceID(DistillationJob job, Context<DistillationJob> context) {
        try {
            return named(job, inputs.of(job, context).objectName(Stage.TRAINING));
        } catch (PipelineInputs.Refused refused) {
            return eventSource().flatMap(jobs -> jobs.getSecondaryResources(job).stream()
                    .filter(training -> Candidates.ofCurrent(training, job)).findFirst())
                    .map(ResourceID::fromResource).orElseGet(() -> super.targetSecondaryResourceID(job, context));
        }
    }
}
