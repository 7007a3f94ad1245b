package io.switchboard.distill.reconcile;

import java.net.HttpURLConnection;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.switchboard.distill.api.CandidateStatus;
import io.switchboard.distill.api.CandidateStatus.State;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobStatus;
import io.switchboard.distill.api.Training;
import io.switchboard.distill.model.Inputs;
import io.switchboard.distill.model.Stage;
import io.switchboard.distill.model.TrainingJobModel;

/**
 * spec.training.parallelism: the candidates after the current one train ahead of their turn, each on a training Job of
 * its own, while the current one is trained, served and evaluated. Their turn still comes cheapest first, and the
 * workflow then finds the Job trained ahead. A candidate trained on Kubeflow Trainer trains in its turn only, and takes
 * no place ahead.
 */
final class TrainingAhead {

    private static final Logger LOGGER = Logger.getLogger(TrainingAhead.class);

    private TrainingAhead() {
    }

    /**
     * Reads how each candidate training ahead fares into its status: a failed training settles it, so that the next
     * one may take its place.
     */
    static void read(DistillationJob job, DistillationJobStatus status, Context<DistillationJob> context) {
        long generation = job.getMetadata().getGeneration();
        for (CandidateStatus candidate : Candidates.ahead(status)) {
            var training = DistillationJobReconciler.stageJob(context, Stage.TRAINING, generation, candidate.name);
            String name = training.map(found -> "Job " + found.getMetadata().getName()).orElse(null);
            var failure = training.flatMap(JobStates::failed);
            if (failure.isPresent()) {
                Candidates.settle(status, candidate.name, State.Failed,
                        "Training failed: " + name + ": " + failure.get().getMessage());
            } else if (training.filter(JobStates::succeeded).isPresent()) {
                candidate.message = name + " trained it ahead of its turn; it waits for its evaluation.";
            } else if (training.filter(JobStates::suspended).isPresent()) {
                candidate.message = name + " waits to be admitted to train it ahead of its turn.";
            } else {
                candidate.message = name == null ? "Trains ahead of its turn." : name + " trains it ahead of its turn.";
            }
        }
    }

    /**
     * Lets the next candidates that can train ahead of their turn (on a Job) start while fewer than
     * spec.training.parallelism train, as long as the pipeline runs and its dataset is ready; none otherwise.
     *
     * @param failed whether the job failed in this reconcile
     */
    static void places(DistillationJob job, DistillationJobStatus status, PipelineInputs.Checked checked,
            boolean failed, Context<DistillationJob> context) {
        boolean running = !failed && Running.running(job) && Conditions.isTrue(status, Conditions.DATASET_READY);
        long generation = job.getMetadata().getGeneration();
        Candidates.trainAhead(status, running ? checked.inputs(job).parallelism() : 0,
                candidate -> checked.inputs(job, candidate).filter(TrainingAhead::onJob).isPresent(),
                candidate -> trained(context, generation, candidate));
    }

    /** Whether the candidate's training Job, or TrainJob, of this generation succeeded. */
    static boolean trained(Context<DistillationJob> context, long generation, String candidate) {
        return DistillationJobReconciler.stageJob(context, Stage.TRAINING, generation, candidate)
                .filter(JobStates::succeeded).isPresent()
                || TrainJobStates.of(context, generation, candidate).filter(TrainJobStates::succeeded).isPresent();
    }

    /** Creates the training Job of each candidate training ahead that has none of this generation. */
    static void start(DistillationJob job, PipelineInputs.Checked checked, Context<DistillationJob> context) {
        long generation = job.getMetadata().getGeneration();
        for (CandidateStatus candidate : Candidates.ahead(job.getStatus())) {
            var inputs = checked.inputs(job, candidate.name);
            if (inputs.isEmpty() || DistillationJobReconciler.stageJob(context, Stage.TRAINING, generation,
                    candidate.name).isPresent()) {
                continue;
            }
            try {
                Job training = TrainingJobModel.job(inputs.get());
                // owned as the workflow's objects are: deleted with the job, its events reconcile the job
                training.addOwnerReference(job);
                context.getClient().resource(training).create();
                LOGGER.infof("DistillationJob %s/%s: candidate %s trains ahead of its turn",
                        job.getMetadata().getNamespace(), job.getMetadata().getName(), candidate.name);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    // tried again at the next look (a quota, a policy): the job's status is written already
                    LOGGER.warnf("DistillationJob %s/%s: the training Job of candidate %s was not created: %s",
                            job.getMetadata().getNamespace(), job.getMetadata().getName(), candidate.name,
                            e.getMessage());
                }
                // a conflict: made already, and the informer has not seen it yet
            }
        }
    }

    /** Whether the object is the training Job of a candidate training ahead: the pipeline keeps it. */
    static boolean kept(HasMetadata object, DistillationJob job) {
        var labels = object.getMetadata().getLabels();
        var annotations = object.getMetadata().getAnnotations();
        return object instanceof Job && Running.running(job) && labels != null
                && Stage.TRAINING.label().equals(labels.get(Inputs.STAGE_LABEL)) && annotations != null
                && Candidates.ahead(job.getStatus()).stream()
                        .anyMatch(candidate -> candidate.name.equals(annotations.get(Inputs.CANDIDATE_ANNOTATION)));
    }

    private static boolean onJob(Inputs inputs) {
        return inputs.backend() == Training.Backend.Job;
    }
}
