package io.switchboard.distill.reconcile;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.switchboard.distill.api.CandidateStatus.State;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobStatus;
import io.switchboard.distill.api.Promotion;
import io.switchboard.distill.model.Inputs;
import io.switchboard.distill.model.Stage;
import io.switchboard.distill.model.TrainingJobModel;
import io.switchboard.distill.model.kubeflow.TrainJob;
import io.switchboard.distill.report.EvaluationSummary;
import io.switchboard.distill.report.SummaryJson.UnreadableSummary;
import io.switchboard.distill.report.Tradeoffs;
import io.switchboard.distill.report.Tradeoffs.Verdict;

/**
 * The pipeline as a workflow: each stage waits for the previous one's readiness; this class reads what the stages'
 * objects say into the status, then reports, judges the trade-offs and promotes. The training stage is a Job, or on
 * Kubeflow Trainer a TrainJob and its TrainingRuntime, which leave the workflow's order as it is: the Job's node
 * stands for the stage, ready when the TrainJob succeeded. Its finalizer withdraws the route
 * of a promoted student before the job goes.
 */
@Workflow(dependents = {
        @Dependent(name = "workspace", type = WorkspaceDependent.class, reconcilePrecondition = Accepted.class),
        @Dependent(name = "dataset", type = DatasetJobDependent.class, dependsOn = "workspace", reconcilePrecondition = Running.class, readyPostcondition = JobSucceeded.class),
        @Dependent(name = "training", type = TrainingJobDependent.class, dependsOn = "dataset", readyPostcondition = Trained.class),
        @Dependent(name = "training-runtime", type = TrainingRuntimeDependent.class, dependsOn = "dataset", activationCondition = KubeflowTrainerPresent.class, reconcilePrecondition = TrainsOnTrainJob.class),
        @Dependent(name = "trainjob", type = TrainJobDependent.class, dependsOn = "training-runtime", activationCondition = KubeflowTrainerPresent.class, reconcilePrecondition = TrainsOnTrainJob.class),
        @Dependent(name = "student", type = StudentDeploymentDependent.class, dependsOn = "training", readyPostcondition = StudentAvailable.class),
        @Dependent(name = "student-service", type = StudentServiceDependent.class, dependsOn = "training"),
        @Dependent(name = "evaluation", type = EvaluationJobDependent.class, dependsOn = {"student",
                "student-service"}, readyPostcondition = JobSucceeded.class)})
public class DistillationJobReconciler implements Reconciler<DistillationJob>, Cleaner<DistillationJob> {

    private static final String REPORT = "Report";
    private static final String CANARY = "Canary";
    private static final String SUCCEEDED = "Succeeded";
    private static final String FAILED = "Failed";
    private static final Logger LOGGER = Logger.getLogger(DistillationJobReconciler.class);
    /** How soon a route Kafka did not take is sent again. */
    private static final Duration RETRY_SEND = Duration.ofSeconds(10);
    /** How soon a job that changed while it was reconciled is read again. */
    private static final Duration RETRY_STALE = Duration.ofSeconds(1);
    /** How often a job trying candidates is looked at while its stages run. */
    private static final Duration RECHECK_CANDIDATES = Duration.ofSeconds(5);
    /** How often a job the operator refuses after accepting its spec is looked at again, to go on once mended. */
    private static final Duration RECHECK_REFUSED = Duration.ofSeconds(30);

    private final PipelineInputs inputs;
    private final Promoting promoting;
    private final Canarying canarying;
    private final Shadowing shadowing;
    private final KubeflowTrainer kubeflowTrainer;

    public DistillationJobReconciler(PipelineInputs inputs, Promoting promoting, Canarying canarying,
            Shadowing shadowing, KubeflowTrainer kubeflowTrainer) {
        this.inputs = inputs;
        this.promoting = promoting;
        this.canarying = canarying;
        this.shadowing = shadowing;
        this.kubeflowTrainer = kubeflowTrainer;
    }

    @Override
    public UpdateControl<DistillationJob> reconcile(DistillationJob job, Context<DistillationJob> context) {
        var checked = inputs.check(job, context);
        if (held(job, checked)) {
            return UpdateControl.<DistillationJob>noUpdate().rescheduleAfter(RECHECK_REFUSED);
        }
        var refused = checked.refusal();
        DistillationJobStatus status = job.getStatus() == null ? new DistillationJobStatus() : job.getStatus();
        long generation = job.getMetadata().getGeneration();
        boolean specChanged = status.observedGeneration != null && status.observedGeneration != generation;
        status.observedGeneration = generation;
        if (status.startTime == null) {
            status.startTime = Instant.now().toString();
        }
        deleteStaleJobs(job, context, generation);
        if (!Running.running(job)) {
            // the workflow deletes them too, once Kubeflow Trainer's informers run; after a restart they may not yet
            deleteTrainJobs(job, context);
        }
        if (specChanged) {
            // the result of an older spec is not this one's
            status.result = null;
            status.report = null;
            status.completionTime = null;
            status.candidates = null;
            status.canary = null;
            status.shadow = null;
        }
        if (refused.isEmpty()) {
            Candidates.start(status, checked.candidates(), job.getSpec().candidates != null);
            deleteOtherClaims(job, context, checked.inputs(job).workspaceClaim());
        }
        Conditions.set(status, generation, Conditions.ACCEPTED, refused.isEmpty(),
                refused.map(PipelineInputs.Refused::reason).orElse("Accepted"),
                refused.map(Throwable::getMessage).orElse("The spec can run."));
        String stage = refused.isPresent() ? FAILED : stage(job, status, context, generation);
        if (refused.isEmpty()) {
            TrainingAhead.read(job, status, context);
        }
        if (REPORT.equals(stage)) {
            stage = conclude(job, status, context);
        }
        if (refused.isEmpty()) {
            TrainingAhead.places(job, status, checked, FAILED.equals(stage), context);
        }
        boolean settled = !REPORT.equals(stage) && !CANARY.equals(stage);
        if (!SUCCEEDED.equals(stage) && settled && Promoting.mayBePublished(status)) {
            settled = promoting.withhold(job, status, Promoting.WITHDRAWN,
                    "The route was withdrawn: stage " + stage + " of generation " + generation + ".");
        }
        if (!stage.equals(status.stage)) {
            LOGGER.infof("DistillationJob %s/%s: stage %s", job.getMetadata().getNamespace(),
                    job.getMetadata().getName(), stage);
            status.stageStartTime = Instant.now().toString();
            status.stage = stage;
        }
        job.setStatus(status);
        if (!writeStatus(job, context)) {
            return UpdateControl.<DistillationJob>noUpdate().rescheduleAfter(RETRY_STALE);
        }
        deleteOtherCandidates(job, context);
        if (refused.isEmpty()) {
            TrainingAhead.start(job, checked, context);
        }
        Duration next = settled ? null : CANARY.equals(stage) ? Canarying.recheck(job) : RETRY_SEND;
        if (next == null && SUCCEEDED.equals(stage) && Shadowing.watching(job, status)) {
            next = Shadowing.RECHECK;
        }
        if (refused.filter(refusal -> PipelineInputs.TRAIN_JOB_UNAVAILABLE.equals(refusal.reason())).isPresent()) {
            // installing Kubeflow Trainer lifts it
            next = KubeflowTrainer.RECHECK;
        }
        if (next == null && status.candidates != null && !List.of(SUCCEEDED, FAILED, "Suspended").contains(stage)) {
            // A workflow run on a cached job older than the candidate just written may make the earlier
            // candidate's object again, and its own write brings no event: look again, to replace it.
            next = RECHECK_CANDIDATES;
        }
        Long deadline = job.getSpec().activeDeadlineSeconds;
        if (deadline != null && !SUCCEEDED.equals(stage) && !FAILED.equals(stage) && !CANARY.equals(stage)) {
            // no event may come when the deadline passes: look again then
            Instant due = Instant.parse(status.startTime).plusSeconds(deadline);
            Duration untilDue = Duration.between(Instant.now(), due).plusSeconds(1);
            next = next == null || untilDue.compareTo(next) < 0 ? untilDue : next;
        }
        UpdateControl<DistillationJob> done = UpdateControl.noUpdate();
        return next == null ? done : done.rescheduleAfter(next);
    }

    /**
     * Replaces the status only if the job is still the version this reconcile read. The status is computed from that
     * version, which the informer's cache may hold after a newer one was written; a patch of the difference (what the
     * SDK sends without server-side apply) would merge such a stale view into the newer status, e.g. keep the old
     * generation's {@code Promoted} condition. A conflict means a newer version is on its way: read again then.
     *
     * @return false on a conflict
     */
    private static boolean writeStatus(DistillationJob job, Context<DistillationJob> context) {
        try {
            context.getClient().resource(job).updateStatus();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                LOGGER.debugf("DistillationJob %s/%s changed while reconciled: read again",
                        job.getMetadata().getNamespace(), job.getMetadata().getName());
                return false;
            }
            throw e;
        }
    }

    /**
     * A refusal that stopped the workflow of a generation the operator had accepted ({@link Accepted}): the job keeps
     * what it built and its status, and is looked at again until the cause is mended; the operator's log says why.
     */
    @Override
    public ErrorStatusUpdateControl<DistillationJob> updateErrorStatus(DistillationJob job,
            Context<DistillationJob> context, Exception e) {
        if (!held(job, inputs.check(job, context))) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        LOGGER.debugf(e, "DistillationJob %s/%s: its workflow stopped", job.getMetadata().getNamespace(),
                job.getMetadata().getName());
        return ErrorStatusUpdateControl.<DistillationJob>noStatusUpdate().withNoRetry()
                .rescheduleAfter(RECHECK_REFUSED);
    }

    /**
     * Whether the job is held: the operator refuses a generation it had accepted, for a reason of its own (logged).
     */
    private static boolean held(DistillationJob job, PipelineInputs.Checked checked) {
        var refused = checked.refusal().filter(refusal -> Accepted.acceptedAsIs(job));
        refused.ifPresent(refusal -> LOGGER.warnf(
                "DistillationJob %s/%s: its accepted spec is refused now (%s: %s); what it built is kept",
                job.getMetadata().getNamespace(), job.getMetadata().getName(), refusal.reason(),
                refusal.getMessage()));
        return refused.isPresent();
    }

    @Override
    public DeleteControl cleanup(DistillationJob job, Context<DistillationJob> context) {
        return promoting.release(job)
                ? DeleteControl.defaultDelete()
                : DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY_SEND);
    }

    /**
     * After the evaluation: the candidate's verdict; with spec.candidates, the next candidate while none met the
     * trade-offs and one is left. Then the report and the route. Stays in stage Report while Kafka does not take a
     * route or a tombstone.
     */
    private String conclude(DistillationJob job, DistillationJobStatus status, Context<DistillationJob> context) {
        long generation = job.getMetadata().getGeneration();
        Inputs pipeline = inputs.of(job, context);
        boolean listed = status.candidates != null;
        var current = Candidates.find(status, status.candidate);
        String shown = status.candidate;
        EvaluationSummary summary;
        Reporting.Outcome outcome;
        try {
            State state = current.map(candidate -> candidate.state).orElse(State.Running);
            if (state == State.Running) {
                Job evaluation = stageJob(context, Stage.EVALUATION, generation, status.candidate).orElseThrow();
                EvaluationSummary evaluated = Reporting.evaluated(job, pipeline, evaluation, context.getClient());
                Verdict verdict = Tradeoffs.judge(job.getSpec().acceptance, evaluated);
                var curve = evaluated.training() == null ? null : evaluated.training().learningCurve();
                Candidates.settle(status, verdict.met() ? State.Met : State.NotMet,
                        curve != null && curve.stoppedEarly()
                                ? verdict.message()
                                        + "; its training stopped early on its learning curve, projected agreement "
                                        + curve.projected()
                                : verdict.message());
                current.ifPresent(candidate -> candidate.result = Reporting.result(evaluated));
                summary = evaluated;
                outcome = Reporting.Outcome.of(verdict);
            } else if (state == State.Met) {
                // again, while Kafka did not take the route
                summary = Reporting.kept(pipeline, status.candidate, context.getClient());
                outcome = Reporting.Outcome.of(Tradeoffs.judge(job.getSpec().acceptance, summary));
            } else {
                summary = null;
                outcome = null;
            }
            if (listed && (outcome == null || !outcome.met())) {
                if (Candidates.next(status)) {
                    // one trained ahead of its turn goes on to its server
                    return TrainingAhead.trained(context, generation, status.candidate) ? "Serving" : "Training";
                }
                var closest = Candidates.closest(status);
                if (closest.isEmpty()) {
                    String message = "Every candidate failed: " + status.candidates.stream()
                            .map(candidate -> candidate.name + ": " + candidate.message)
                            .collect(Collectors.joining("; "));
                    fail(status, generation, "CandidatesFailed", message);
                    return FAILED;
                }
                shown = closest.get().name;
                summary = Reporting.kept(pipeline, shown, context.getClient());
                outcome = new Reporting.Outcome(false, "NoBetterStudent", "No candidate meets the trade-offs: "
                        + status.candidates.stream().map(candidate -> candidate.name + " " + candidate.message)
                                .collect(Collectors.joining("; ")),
                        status.candidates);
            } else if (listed) {
                Candidates.skipTheRest(status);
                outcome = new Reporting.Outcome(true, outcome.reason(), status.candidate + ": " + outcome.message(),
                        status.candidates);
            }
        } catch (UnreadableSummary e) {
            fail(status, generation, "ReportUnreadable", "The evaluation's summary cannot be read: " + e.getMessage()
                    + ".");
            return FAILED;
        }
        Reporting.Report report = Reporting.report(job, pipeline, shown, summary, outcome, status,
                context.getClient());
        Promotion promotion = job.getSpec().promotion;
        boolean settled;
        boolean canaryRunning = false;
        if (!outcome.met()) {
            settled = promoting.withhold(job, status, "TradeoffsNotMet",
                    "The student is not routed: " + outcome.message() + ".");
        } else if (promotion == null || promotion.mode != Promotion.Mode.Auto) {
            settled = promoting.withhold(job, status, "Manual",
                    "The student meets its trade-offs; spec.promotion.mode is Manual, so it is not routed.");
        } else if (Shadowing.withdrawn(status)) {
            settled = promoting.withhold(job, status, Shadowing.SHADOW_DISAGREED,
                    Shadowing.withdrawal(job, status));
        } else if (promotion.canary == null) {
            settled = promoting.promote(pipeline, report.summary(), status);
        } else {
            var progress = canarying.advance(job, pipeline, report.summary(), status);
            canaryRunning = progress == Canarying.Progress.RUNNING;
            settled = progress != Canarying.Progress.NOT_SENT;
        }
        if (Shadowing.watching(job, status) && shadowing.judge(job, status)) {
            canaryRunning = false;
            settled = promoting.withhold(job, status, Shadowing.SHADOW_DISAGREED,
                    Shadowing.withdrawal(job, status));
        }
        if (canaryRunning) {
            var promoted = Conditions.find(status, Conditions.PROMOTED).orElseThrow();
            Conditions.set(status, generation, Conditions.READY, false, CANARY, promoted.getMessage());
            return CANARY;
        }
        if (!settled) {
            var promoted = Conditions.find(status, Conditions.PROMOTED).orElseThrow();
            Conditions.set(status, generation, Conditions.READY, false, promoted.getReason(), promoted.getMessage());
            return REPORT;
        }
        Conditions.set(status, generation, Conditions.READY, true, SUCCEEDED,
                "The report is in ConfigMap " + report.configMap() + ".");
        status.completionTime = status.completionTime == null ? Instant.now().toString() : status.completionTime;
        return SUCCEEDED;
    }

    private static void fail(DistillationJobStatus status, long generation, String reason, String message) {
        Conditions.set(status, generation, Conditions.FAILED, true, reason, message);
        Conditions.set(status, generation, Conditions.READY, false, reason, message);
        status.completionTime = status.completionTime == null ? Instant.now().toString() : status.completionTime;
    }

    /**
     * A Job built for an older generation of the spec is stale, and so is every stage after the dataset's: all the
     * stages' Jobs are deleted, and the workflow starts again from the dataset stage on the next reconcile.
     */
    private void deleteStaleJobs(DistillationJob job, Context<DistillationJob> context, long generation) {
        boolean stale = Stream.concat(context.getSecondaryResourcesAsStream(Job.class), TrainJobStates.of(context))
                .anyMatch(existing -> !ofGeneration(existing, generation));
        if (stale) {
            LOGGER.infof("DistillationJob %s/%s: generation %d, starting again", job.getMetadata().getNamespace(),
                    job.getMetadata().getName(), generation);
            context.getClient().resources(Job.class).inNamespace(job.getMetadata().getNamespace())
                    .withLabel(Inputs.JOB_LABEL, job.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            deleteTrainJobs(job, context);
        }
    }

    /**
     * Deletes a workspace claim of the job other than the spec's: one node's ReadWriteOnce claim once the job trains
     * on several nodes, or the reverse. The pipeline started again on the new claim.
     */
    private static void deleteOtherClaims(DistillationJob job, Context<DistillationJob> context, String claim) {
        context.getSecondaryResourcesAsStream(PersistentVolumeClaim.class)
                .filter(other -> !claim.equals(other.getMetadata().getName()))
                // a claim still mounted waits for its pods to go
                .filter(other -> other.getMetadata().getDeletionTimestamp() == null).forEach(other -> {
                    LOGGER.infof("DistillationJob %s/%s: deleting workspace claim %s, as the job now uses %s",
                            job.getMetadata().getNamespace(), job.getMetadata().getName(),
                            other.getMetadata().getName(), claim);
                    context.getClient().resource(other).delete();
                });
    }

    /** Deletes the job's TrainJobs through the API: its informer's cache may not hold them yet. */
    private void deleteTrainJobs(DistillationJob job, Context<DistillationJob> context) {
        if (kubeflowTrainer.available()) {
            context.getClient().resources(TrainJob.class).inNamespace(job.getMetadata().getNamespace())
                    .withLabel(Inputs.JOB_LABEL, job.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
    }

    static boolean ofGeneration(HasMetadata job, long generation) {
        return Long.toString(generation).equals(job.getMetadata().getAnnotations().get(Inputs.GENERATION_ANNOTATION));
    }

    /**
     * What ran a stage, "Job x" or "TrainJob x", and how it ended; a suspended one waits, with the Kueue queue it was
     * sent to if any.
     */
    private record StageRun(String name, boolean succeeded, Optional<JobStates.Failure> failure, boolean suspended,
            Optional<String> queue) {

        static StageRun of(TrainJob trainJob) {
            return new StageRun("TrainJob " + trainJob.getMetadata().getName(), TrainJobStates.succeeded(trainJob),
                    TrainJobStates.failed(trainJob), TrainJobStates.suspended(trainJob), queue(trainJob));
        }

        static StageRun of(Job job) {
            return new StageRun("Job " + job.getMetadata().getName(), JobStates.succeeded(job), JobStates.failed(job)
                    .map(condition -> new JobStates.Failure(condition.getReason(), condition.getMessage())),
                    JobStates.suspended(job), queue(job));
        }

        private static Optional<String> queue(HasMetadata object) {
            var labels = object.getMetadata().getLabels();
            return Optional.ofNullable(labels == null ? null : labels.get(TrainingJobModel.KUEUE_QUEUE_LABEL));
        }

        String waiting() {
            return queue.map(name -> name() + " waits for Kueue to admit it to queue " + name + ".")
                    .orElse(name() + " is suspended.");
        }
    }

    /** A stage run by a Job: the condition its success sets, its name in the status. */
    private record JobStage(Stage stage, String condition, String name) {
    }

    private static final List<JobStage> JOB_STAGES = List.of(
            new JobStage(Stage.DATASET, Conditions.DATASET_READY, "Dataset"),
            new JobStage(Stage.TRAINING, Conditions.TRAINED, "Training"),
            new JobStage(Stage.EVALUATION, Conditions.EVALUATED, "Evaluation"));

    /**
     * The current stage, Report once every Job succeeded; each finished Job sets its condition, a failed one fails
     * the whole job.
     */
    private static String stage(DistillationJob job, DistillationJobStatus status, Context<DistillationJob> context,
            long generation) {
        if (Boolean.TRUE.equals(job.getSpec().suspend)) {
            return "Suspended";
        }
        if (Running.deadlineExceeded(job, Instant.now())) {
            fail(status, generation, "DeadlineExceeded", "The pipeline ran longer than spec.activeDeadlineSeconds ("
                    + job.getSpec().activeDeadlineSeconds + ").");
            return FAILED;
        }
        for (JobStage stage : JOB_STAGES) {
            Optional<StageRun> found = stage.stage() == Stage.TRAINING
                    && TrainsOnTrainJob.trainsOnTrainJob(job, context)
                            ? TrainJobStates.current(context, job).map(StageRun::of)
                            : stageJob(context, stage.stage(), generation, status.candidate).map(StageRun::of);
            if (found.isEmpty()) {
                Conditions.set(status, generation, stage.condition(), false, "Pending",
                        "Waiting for the previous stage.");
                // the evaluation Job waits for the student's server
                return stage.stage() == Stage.EVALUATION ? "Serving" : stage.name();
            }
            String name = found.get().name();
            var failure = found.get().failure();
            if (failure.isPresent()) {
                String message = name + ": " + failure.get().message();
                Conditions.set(status, generation, stage.condition(), false, failure.get().reason(), message);
                if (status.candidates != null && stage.stage().perCandidate()) {
                    // the next candidate, or the report of those evaluated
                    Candidates.settle(status, State.Failed, stage.name() + " failed: " + message);
                    return REPORT;
                }
                fail(status, generation, stage.name() + "Failed", message);
                return FAILED;
            }
            if (found.get().suspended() && !found.get().succeeded()) {
                Conditions.set(status, generation, stage.condition(), false, "Queued", found.get().waiting());
                return stage.name();
            }
            if (!found.get().succeeded()) {
                Conditions.set(status, generation, stage.condition(), false, "Running", name + " is running.");
                return stage.name();
            }
            Conditions.set(status, generation, stage.condition(), true, SUCCEEDED, name + " succeeded.");
        }
        return REPORT;
    }

    /**
     * The stage's Job for this generation of the spec and, for a candidate's own stage, this candidate; a stale one
     * still in the cache does not count.
     */
    static Optional<Job> stageJob(Context<DistillationJob> context, Stage stage, long generation,
            String candidate) {
        return context.getSecondaryResourcesAsStream(Job.class)
                .filter(job -> stage.label().equals(job.getMetadata().getLabels().get(Inputs.STAGE_LABEL)))
                .filter(job -> ofGeneration(job, generation))
                .filter(job -> !stage.perCandidate() || Objects.equals(candidate,
                        job.getMetadata().getAnnotations().get(Inputs.CANDIDATE_ANNOTATION)))
                .findFirst();
    }

    /**
     * Deletes the training and evaluation Jobs (or TrainJob) and the server of a candidate other than the current one:
     * the pipeline moved on from it (its summary is kept in the report ConfigMap), or has yet to come to it; the
     * training Jobs of candidates training ahead stay.
     */
    private static void deleteOtherCandidates(DistillationJob job, Context<DistillationJob> context) {
        Stream.of(context.getSecondaryResourcesAsStream(Job.class), TrainJobStates.of(context),
                context.getSecondaryResourcesAsStream(Deployment.class)).flatMap(objects -> objects)
                .filter(object -> !Candidates.ofCurrent(object, job))
                .filter(object -> !TrainingAhead.kept(object, job)).forEach(object -> {
                    LOGGER.infof("DistillationJob %s/%s: deleting %s %s of a candidate no longer tried",
                            job.getMetadata().getNamespace(), job.getMetadata().getName(), object.getKind(),
                            object.getMetadata().getName());
                    context.getClient().resource(object).withPropagationPolicy(DeletionPropagation.BACKGROUND)
                            .delete();
                });
    }
}
