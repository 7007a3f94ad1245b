package io.switchboard.distill.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobStatus;
import io.switchboard.distill.model.Inputs;
import io.switchboard.distill.model.Stage;

/**
 * The pipeline as a workflow: each stage waits for the previous one's readiness; this class only reads what the
 * stages' objects say into the status.
 */
@Workflow(dependents = {
        @Dependent(name = "workspace", type = WorkspaceDependent.class, reconcilePrecondition = Accepted.class),
        @Dependent(name = "dataset", type = DatasetJobDependent.class, dependsOn = "workspace", reconcilePrecondition = Running.class, readyPostcondition = JobSucceeded.class),
        @Dependent(name = "training", type = TrainingJobDependent.class, dependsOn = "dataset", readyPostcondition = JobSucceeded.class),
        @Dependent(name = "student", type = StudentDeploymentDependent.class, dependsOn = "training", readyPostcondition = StudentAvailable.class),
        @Dependent(name = "student-service", type = StudentServiceDependent.class, dependsOn = "training"),
        @Dependent(name = "evaluation", type = EvaluationJobDependent.class, dependsOn = {"student",
                "student-service"}, readyPostcondition = JobSucceeded.class)})
public class DistillationJobReconciler implements Reconciler<DistillationJob> {

    private static final Logger LOGGER = Logger.getLogger(DistillationJobReconciler.class);

    private final PipelineInputs inputs;

    public DistillationJobReconciler(PipelineInputs inputs) {
        this.inputs = inputs;
    }

    @Override
    public UpdateControl<DistillationJob> reconcile(DistillationJob job, Context<DistillationJob> context) {
        DistillationJobStatus status = job.getStatus() == null ? new DistillationJobStatus() : job.getStatus();
        long generation = job.getMetadata().getGeneration();
        status.observedGeneration = generation;
        if (status.startTime == null) {
            status.startTime = Instant.now().toString();
        }
        restartIfSpecChanged(job, context, generation);
        var refused = inputs.refusal(job);
        Conditions.set(status, generation, Conditions.ACCEPTED, refused.isEmpty(),
                refused.map(PipelineInputs.Refused::reason).orElse("Accepted"),
                refused.map(Throwable::getMessage).orElse("The spec can run."));
        String stage = refused.isPresent() ? "Failed" : stage(job, status, context, generation);
        if (!stage.equals(status.stage)) {
            LOGGER.infof("DistillationJob %s/%s: stage %s", job.getMetadata().getNamespace(),
                    job.getMetadata().getName(), stage);
            status.stageStartTime = Instant.now().toString();
            status.stage = stage;
        }
        job.setStatus(status);
        UpdateControl<DistillationJob> update = UpdateControl.patchStatus(job);
        Long deadline = job.getSpec().activeDeadlineSeconds;
        if (deadline != null && !"Succeeded".equals(stage) && !"Failed".equals(stage)) {
            // no event may come when the deadline passes: look again then
            Instant due = Instant.parse(status.startTime).plusSeconds(deadline);
            update.rescheduleAfter(Duration.between(Instant.now(), due).plusSeconds(1));
        }
        return update;
    }

    /**
     * A Job built for an older generation of the spec is stale, and so is every stage after the dataset's: all the
     * stages' Jobs are deleted, and the workflow starts again from the dataset stage on the next reconcile.
     */
    private static void restartIfSpecChanged(DistillationJob job, Context<DistillationJob> context, long generation) {
        boolean stale = context.getSecondaryResourcesAsStream(Job.class).anyMatch(existing -> !Long.toString(generation)
                .equals(existing.getMetadata().getAnnotations().get(Inputs.GENERATION_ANNOTATION)));
        if (stale) {
            LOGGER.infof("DistillationJob %s/%s: generation %d, starting again", job.getMetadata().getNamespace(),
                    job.getMetadata().getName(), generation);
            context.getClient().resources(Job.class).inNamespace(job.getMetadata().getNamespace())
                    .withLabel(Inputs.JOB_LABEL, job.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
    }

    /** A stage run by a Job: the condition its success sets, its name in the status. */
    private record JobStage(Stage stage, String condition, String name) {
    }

    private static final List<JobStage> JOB_STAGES = List.of(
            new JobStage(Stage.DATASET, Conditions.DATASET_READY, "Dataset"),
            new JobStage(Stage.TRAINING, Conditions.TRAINED, "Training"),
            new JobStage(Stage.EVALUATION, Conditions.EVALUATED, "Evaluation"));

    /** The current stage; each finished Job sets its condition, a failed one fails the whole job. */
    private static String stage(DistillationJob job, DistillationJobStatus status, Context<DistillationJob> context,
            long generation) {
        if (Boolean.TRUE.equals(job.getSpec().suspend)) {
            return "Suspended";
        }
        if (Running.deadlineExceeded(job, Instant.now())) {
            String message = "The pipeline ran longer than spec.activeDeadlineSeconds ("
                    + job.getSpec().activeDeadlineSeconds + ").";
            Conditions.set(status, generation, Conditions.FAILED, true, "DeadlineExceeded", message);
            Conditions.set(status, generation, Conditions.READY, false, "DeadlineExceeded", message);
            status.completionTime = status.completionTime == null ? Instant.now().toString() : status.completionTime;
            return "Failed";
        }
        for (JobStage stage : JOB_STAGES) {
            Optional<Job> found = context.getSecondaryResourcesAsStream(Job.class).filter(
                    j -> stage.stage().label().equals(j.getMetadata().getLabels().get(Inputs.STAGE_LABEL)))
                    .findFirst();
            if (found.isEmpty()) {
                Conditions.set(status, generation, stage.condition(), false, "Pending",
                        "Waiting for the previous stage.");
                // the evaluation Job waits for the student's server
                return stage.stage() == Stage.EVALUATION ? "Serving" : stage.name();
            }
            String name = found.get().getMetadata().getName();
            var failure = JobStates.failed(found.get());
            if (failure.isPresent()) {
                String message = "Job " + name + ": " + failure.get().getMessage();
                Conditions.set(status, generation, stage.condition(), false, failure.get().getReason(), message);
                Conditions.set(status, generation, Conditions.FAILED, true, stage.name() + "Failed", message);
                Conditions.set(status, generation, Conditions.READY, false, stage.name() + "Failed", message);
                status.completionTime = Instant.now().toString();
                return "Failed";
            }
            if (!JobStates.succeeded(found.get())) {
                Conditions.set(status, generation, stage.condition(), false, "Running", "Job " + name + " is running.");
                return stage.name();
            }
            Conditions.set(status, generation, stage.condition(), true, "Succeeded", "Job " + name + " succeeded.");
        }
        Conditions.set(status, generation, Conditions.READY, true, "Evaluated", "The evaluation is done.");
        status.completionTime = Instant.now().toString();
        return "Succeeded";
    }
}
