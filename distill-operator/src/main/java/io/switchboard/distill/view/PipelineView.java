package io.switchboard.distill.view;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchboard.distill.api.CanaryStatus;
import io.switchboard.distill.api.CandidateStatus;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobStatus;
import io.switchboard.distill.api.ShadowStatus;
import io.switchboard.distill.model.Inputs;
import io.switchboard.distill.model.Stage;
import io.switchboard.distill.model.kubeflow.TrainJob;
import io.switchboard.distill.promotion.LiveStudents;
import io.switchboard.distill.reconcile.Candidates;
import io.switchboard.distill.reconcile.JobStates;
import io.switchboard.distill.reconcile.KubeflowTrainer;
import io.switchboard.distill.reconcile.Promoting;
import io.switchboard.distill.reconcile.Shadowing;
import io.switchboard.distill.reconcile.TrainJobStates;

/**
 * What the pipeline view ({@code /pipeline/}) shows, read from the cluster when asked: every DistillationJob with its
 * stage and headline figures, and for one job its stages (their objects' state, start, duration and where their logs
 * are), its conditions and its report. Read-only; it names objects and figures, never examples or answers.
 */
@Path("/pipeline/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineView {

    /** A stage whose object is not there yet. */
    private static final String PENDING = "pending";
    /** A stage's Job or TrainJob held, as Kueue holds one until its queue admits it. */
    private static final String QUEUED = "queued";
    /** A Promoted condition that is not True, by its reason. */
    private static final Map<String, String> PROMOTION_STATES = Map.of("TradeoffsNotMet", "skipped", "Manual",
            "skipped", "Withdrawn", "skipped", "PublishFailed", "failed", "WithdrawFailed", "failed", "CanaryFailed",
            "failed", "ShadowDisagreed", "failed");

    private final KubernetesClient client;
    private final ObjectMapper json;
    private final KubeflowTrainer kubeflowTrainer;
    private final LiveStudents live;

    PipelineView(KubernetesClient client, ObjectMapper json, KubeflowTrainer kubeflowTrainer, LiveStudents live) {
        this.client = client;
        this.json = json;
        this.kubeflowTrainer = kubeflowTrainer;
        this.live = live;
    }

    /** One job in the list. */
    public record JobRow(String namespace, String name, String teacher, String task, String student, String stage,
            String startTime, String stageStartTime, String relativeAccuracy, String costRatio, String speedRatio) {
    }

    /**
     * One node of the pipeline's graph.
     *
     * @param state {@code pending}, {@code running}, {@code succeeded}, {@code failed} or {@code skipped}
     * @param logs how to read the stage's logs, or {@code null} when it has none
     */
    public record StageNode(String id, String title, String state, String object, String start, String end,
            Long seconds, String logs) {
    }

    /**
     * One job, whole: what the list shows, its stages in order, the training Jobs of the candidates training ahead of
     * their turn beside them (spec.training.parallelism), its conditions, its candidates, its promoted student's live
     * figures (canary and shadow, {@code null} without them) and its report's summary.
     */
    public record JobDetail(JobRow job, List<StageNode> stages, List<StageNode> trainingAhead,
            List<Condition> conditions,
            List<CandidateStatus> candidates, CanaryStatus canary, ShadowStatus shadow, ShadowHistory shadowHistory,
            JsonNode report, String reportMarkdown) {
    }

    /**
     * The teacher's verdicts on a promoted student that its route is judged by ({@link Shadowing#judgedSince}), in
     * {@link #SPANS} spans.
     *
     * @param window spec.promotion.shadow.window
     * @param bound the least agreement that keeps the route
     */
    public record ShadowHistory(String window, String bound, List<LiveStudents.AgreementSpan> spans) {
    }

    /** How many spans a shadow's window is shown in. */
    static final int SPANS = 12;

    @GET
    public List<JobRow> jobs() {
        return client.resources(DistillationJob.class).inAnyNamespace().list().getItems().stream()
                .sorted(Comparator.comparing((DistillationJob job) -> job.getMetadata().getCreationTimestamp(),
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .map(PipelineView::row).toList();
    }

    @GET
    @Path("{namespace}/{name}")
    public JobDetail job(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        var job = client.resources(DistillationJob.class).inNamespace(namespace).withName(name).get();
        if (job == null) {
            throw new NotFoundException("no DistillationJob " + namespace + "/" + name);
        }
        var status = job.getStatus() == null ? new DistillationJobStatus() : job.getStatus();
        var stages = new ArrayList<StageNode>();
        stages.add(jobStage(namespace, Stage.DATASET.objectName(name), Stage.DATASET, "Dataset"));
        var trainJob = kubeflowTrainer.available()
                ? client.resources(TrainJob.class).inNamespace(namespace).withName(Stage.TRAINING.objectName(name))
                        .get()
                : null;
        String candidate = job.getSpec().candidates == null ? null : status.candidate;
        stages.add(trainJob == null
                ? jobStage(namespace, Inputs.trainingName(name, candidate), Stage.TRAINING, "Training")
                : training(trainJob));
        stages.add(serving(namespace, name));
        stages.add(jobStage(namespace, Stage.EVALUATION.objectName(name), Stage.EVALUATION, "Evaluation"));
        stages.add(report(status));
        stages.add(promotion(status));
        JsonNode report = null;
        String markdown = null;
        if (status.report != null) {
            var map = client.configMaps().inNamespace(namespace).withName(status.report).get();
            if (map != null && map.getData() != null) {
                report = readJson(map.getData().get("report.json"));
                markdown = map.getData().get("report.md");
            }
        }
        return new JobDetail(row(job), stages, trainingAhead(namespace, name, status), status.conditions,
                status.candidates == null ? List.of() : status.candidates, status.canary, status.shadow,
                shadowHistory(job, status), report, markdown);
    }

    /**
     * The verdicts the operator judges a shadowed student by: since its route was published, within the shadow's
     * window, up to now or, once withdrawn, up to the figures that withdrew it; {@code null} for a job without them.
     */
    private ShadowHistory shadowHistory(DistillationJob job, DistillationJobStatus status) {
        var promotion = job.getSpec().promotion;
        if (status.shadow == null || status.shadow.time == null || promotion == null || promotion.shadow == null) {
            return null;
        }
        Instant until = Boolean.TRUE.equals(status.shadow.withdrawn)
                ? Instant.parse(status.shadow.time)
                : Instant.now();
        return live.agreementOverTime(Promoting.key(job), Shadowing.judgedSince(job, status, until), until, SPANS)
                .map(spans -> new ShadowHistory(Shadowing.windowText(promotion.shadow),
                        Shadowing.bound(job).toPlainString(), spans))
                .orElse(null);
    }

    /** The training Jobs of the candidates training ahead of their turn, in the order they are tried. */
    private List<StageNode> trainingAhead(String namespace, String job, DistillationJobStatus status) {
        return Candidates.ahead(status).stream()
                .map(candidate -> jobStage(namespace, Inputs.trainingName(job, candidate.name), Stage.TRAINING,
                        "Ahead: " + candidate.name))
                // pending: its Job is not made yet
                .filter(node -> !PENDING.equals(node.state())).toList();
    }

    private static JobRow row(DistillationJob job) {
        var spec = job.getSpec();
        var status = job.getStatus() == null ? new DistillationJobStatus() : job.getStatus();
        var result = status.result;
        return new JobRow(job.getMetadata().getNamespace(), job.getMetadata().getName(), spec.teacher, spec.task,
                status.candidate != null ? status.candidate : spec.student == null ? null : spec.student.base,
                status.stage == null ? "Pending" : status.stage,
                status.startTime, status.stageStartTime, result == null ? null : result.relativeAccuracy,
                result == null ? null : result.costRatio, result == null ? null : result.speedRatio);
    }

    private StageNode jobStage(String namespace, String name, Stage stage, String title) {
        Job object = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        String logs = "kubectl logs -n " + namespace + " job/" + name;
        if (object == null) {
            return new StageNode(stage.label(), title, PENDING, "Job " + name, null, null, null, null);
        }
        var status = object.getStatus();
        var failed = JobStates.failed(object);
        String state = JobStates.succeeded(object)
                ? "succeeded"
                : failed.isPresent() ? "failed" : JobStates.suspended(object) ? QUEUED : "running";
        String start = status != null && status.getStartTime() != null
                ? status.getStartTime()
                : object.getMetadata().getCreationTimestamp();
        String end = status == null ? null : status.getCompletionTime();
        if (end == null && failed.isPresent()) {
            end = failed.get().getLastTransitionTime();
        }
        return new StageNode(stage.label(), title, state, "Job " + name + candidate(object), start, end,
                seconds(start, end), logs);
    }

    /** The training stage run by Kubeflow Trainer: its TrainJob, and its nodes' logs. */
    private static StageNode training(TrainJob trainJob) {
        String name = trainJob.getMetadata().getName();
        var failed = TrainJobStates.failed(trainJob);
        boolean succeeded = TrainJobStates.succeeded(trainJob);
        String start = trainJob.getMetadata().getCreationTimestamp();
        String end = succeeded || failed.isPresent() ? TrainJobStates.ended(trainJob).orElse(null) : null;
        return new StageNode(Stage.TRAINING.label(), "Training",
                succeeded
                        ? "succeeded"
                        : failed.isPresent() ? "failed" : TrainJobStates.suspended(trainJob) ? QUEUED : "running",
                "TrainJob " + name + candidate(trainJob), start, end, seconds(start, end), "kubectl logs -n "
                        + trainJob.getMetadata().getNamespace() + " -l trainer.kubeflow.org/trainjob-name=" + name);
    }

    private StageNode serving(String namespace, String job) {
        String name = Stage.SERVING.objectName(job);
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment == null) {
            return new StageNode("serving", "Serving", PENDING, "Deployment " + name, null, null, null, null);
        }
        var status = deployment.getStatus();
        boolean available = status != null && status.getAvailableReplicas() != null
                && status.getAvailableReplicas() > 0;
        String start = deployment.getMetadata().getCreationTimestamp();
        String end = null;
        if (available && status.getConditions() != null) {
            end = status.getConditions().stream().filter(c -> "Available".equals(c.getType()))
                    .map(c -> c.getLastTransitionTime()).findFirst().orElse(null);
        }
        return new StageNode("serving", "Serving", available ? "succeeded" : "running",
                "Deployment " + name + candidate(deployment), start,
                end, seconds(start, end), "kubectl logs -n " + namespace + " deploy/" + name);
    }

    /** For a candidate's own object, the candidate it was made for. */
    private static String candidate(HasMetadata object) {
        var annotations = object.getMetadata().getAnnotations();
        String candidate = annotations == null ? null : annotations.get(Inputs.CANDIDATE_ANNOTATION);
        return candidate == null ? "" : " (" + candidate + ")";
    }

    private static StageNode report(DistillationJobStatus status) {
        String state = status.report != null ? "succeeded" : "Report".equals(status.stage) ? "running" : PENDING;
        return new StageNode("report", "Report", state, status.report == null ? null : "ConfigMap " + status.report,
                null, null, null, null);
    }

    private static StageNode promotion(DistillationJobStatus status) {
        var promoted = status.conditions.stream().filter(c -> "Promoted".equals(c.getType())).findFirst();
        String state = promoted.map(c -> "True".equals(c.getStatus())
                ? "Canary".equals(c.getReason()) ? "running" : "succeeded"
                : PROMOTION_STATES.getOrDefault(c.getReason(), PENDING)).orElse(PENDING);
        return new StageNode("promotion", "Promotion", state, "route on switchboard.routes.v1",
                promoted.map(Condition::getLastTransitionTime).orElse(null), null, null, null);
    }

    private static Long seconds(String start, String end) {
        if (start == null) {
            return null;
        }
        var until = end == null ? Instant.now() : Instant.parse(end);
        return Duration.between(Instant.parse(start), until).toSeconds();
    }

    private JsonNode readJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
