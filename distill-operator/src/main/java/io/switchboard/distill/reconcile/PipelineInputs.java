package io.switchboard.distill.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.switchboard.distill.DistillConfig;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobSpec;
import io.switchboard.distill.api.Eval;
import io.switchboard.distill.api.Training;
import io.switchboard.distill.catalog.Catalog;
import io.switchboard.distill.catalog.CatalogFile;
import io.switchboard.distill.catalog.StudentClass;
import io.switchboard.distill.catalog.StudentEntry;
import io.switchboard.distill.model.Inputs;
import io.switchboard.distill.model.Stage;
import io.switchboard.distill.promotion.LiveStudents;

/** The model's inputs for a job, or why there are none: the spec names what the operator cannot run. */
@ApplicationScoped
public class PipelineInputs {

    private final CatalogFile catalog;
    private final DistillConfig config;
    private final boolean kafkaAuthenticates;
    private final KubeflowTrainer trainer;

    public PipelineInputs(CatalogFile catalog, DistillConfig config,
            @ConfigProperty(name = "kafka.security.protocol", defaultValue = "PLAINTEXT") String kafkaProtocol,
            KubeflowTrainer trainer) {
        this.catalog = catalog;
        this.config = config;
        this.kafkaAuthenticates = !"PLAINTEXT".equalsIgnoreCase(kafkaProtocol);
        this.trainer = trainer;
    }

    /** The inputs for the student being tried: {@code status.candidate}, or the first when none is yet. */
    public Inputs of(DistillationJob job) {
        return check(job).inputs(job);
    }

    /** As {@link #of(DistillationJob)}, from the job's check of this reconcile. */
    public Inputs of(DistillationJob job, Context<DistillationJob> context) {
        return check(job, context).inputs(job);
    }

    /**
     * The job checked once per reconcile: the workflow's conditions and dependents and the reconciler all see one
     * catalog, read once, and one verdict.
     */
    public Checked check(DistillationJob job, Context<DistillationJob> context) {
        var shared = context.managedWorkflowAndDependentResourceContext();
        return shared.get(Checked.class, Checked.class).orElseGet(() -> {
            Checked checked = check(job);
            shared.put(Checked.class, checked);
            return checked;
        });
    }

    /** The job checked: the students it tries, or why the operator refuses it. */
    public Checked check(DistillationJob job) {
        try {
            List<StudentEntry> candidates = candidates(job);
            checkSpec(job);
            // every candidate, not only the current one: a refusal half-way through the candidates would stop the job
            for (StudentEntry candidate : candidates) {
                checkTraining(inputs(job, candidate));
                checkName(inputs(job, candidate));
            }
            return new Checked(candidates, null);
        } catch (Refused refused) {
            return new Checked(List.of(), refused);
        }
    }

    /** What the spec asks that the operator cannot run, the student aside. */
    private void checkSpec(DistillationJob job) {
        if (job.getSpec().dataset.fromTraffic != null && config.tracesBootstrapServers().isEmpty()) {
            throw new Refused("DatasetUnavailable", "spec.dataset.fromTraffic: this operator has no Kafka to read "
                    + "captured traffic from (switchboard.distill.traces-bootstrap-servers); use uri or configMap");
        }
        if (job.getSpec().dataset.fromTraffic != null && kafkaAuthenticates && config.tracesKafkaSecret().isEmpty()) {
            throw new Refused("DatasetUnavailable", "spec.dataset.fromTraffic: Kafka asks its clients to "
                    + "authenticate, and this operator names no Secret of client settings for dataset Jobs "
                    + "(switchboard.distill.traces-kafka-secret); use uri or configMap");
        }
        var training = job.getSpec().training;
        if (training != null && training.parallelism != null && training.parallelism > 1
                && job.getSpec().candidates == null) {
            throw new Refused("BadTraining", "spec.training.parallelism: training more than one at once needs "
                    + "spec.candidates");
        }
        if (training != null && training.parallelism != null && training.parallelism > 1
                && config.sharedStorageClass().isEmpty()) {
            throw new Refused("NoSharedStorage", "spec.training.parallelism: training " + training.parallelism
                    + " candidates at once needs a workspace pods on several nodes mount, and this operator names no "
                    + "ReadWriteMany storage class (switchboard.distill.shared-storage-class)");
        }
        var promotion = job.getSpec().promotion;
        if (promotion != null && promotion.canary != null && promotion.canary.steps != null) {
            var steps = promotion.canary.steps;
            for (int i = 1; i < steps.size(); i++) {
                if (steps.get(i) <= steps.get(i - 1)) {
                    throw new Refused("BadCanary", "spec.promotion.canary.steps: each step must be above the one "
                            + "before it, " + steps);
                }
            }
        }
        if (promotion != null && promotion.shadow != null) {
            if (Shadowing.bound(job).compareTo(BigDecimal.ONE) > 0) {
                throw new Refused("BadShadow", "spec.promotion.shadow.minAgreement: an agreement cannot be above 1"
                        + (promotion.shadow.minAgreement == null
                                ? "; set it, since spec.acceptance.minRelativeAccuracy ("
                                        + job.getSpec().acceptance.minRelativeAccuracy + ") is"
                                : ""));
            }
            if (Shadowing.window(promotion.shadow).compareTo(LiveStudents.LOOKBACK) > 0) {
                throw new Refused("BadShadow", "spec.promotion.shadow.window: at most "
                        + LiveStudents.LOOKBACK.toHours() + "h, the usage events the operator keeps, not "
                        + promotion.shadow.window);
            }
            Shadowing.comparison(job.getSpec().evals);
        }
    }

    /** A training Job is named after the job (and a candidate's, the candidate), and a Job's name fits a pod label. */
    private static void checkName(Inputs inputs) {
        String name = inputs.objectName(Stage.TRAINING);
        if (name.length() > MAX_JOB_NAME) {
            throw new Refused("NameTooLong", "metadata.name: the training Job of " + inputs.student().name()
                    + " would be named " + name + ", " + name.length() + " characters, and Kubernetes allows "
                    + MAX_JOB_NAME + "; give the job a shorter name");
        }
    }

    private Inputs inputs(DistillationJob job, StudentEntry entry) {
        return new Inputs(job.getMetadata().getName(), job.getMetadata().getNamespace(),
                job.getMetadata().getGeneration(), job.getSpec(), entry, config);
    }

    /** Whether the entry can be trained as the job asks, here: what {@code auto} leaves out otherwise. */
    private boolean trainable(DistillationJob job, StudentEntry entry) {
        try {
            checkTraining(inputs(job, entry));
            return true;
        } catch (Refused refused) {
            return false;
        }
    }

    /** A TrainJob needs Kubeflow Trainer in the cluster; several nodes need a TrainJob and a shared workspace. */
    private void checkTraining(Inputs inputs) {
        var training = inputs.spec().training;
        String backendFrom = training != null && training.backend != null
                ? "spec.training.backend"
                : "catalog entry " + inputs.student().name() + "'s backend";
        if (inputs.backend() == Training.Backend.TrainJob && !trainer.available()) {
            throw new Refused(TRAIN_JOB_UNAVAILABLE, backendFrom + " is TrainJob, and this cluster does not run "
                    + "Kubeflow Trainer (no CRD " + KubeflowTrainer.TRAIN_JOBS_CRD + "); use backend Job");
        }
        if (inputs.nodes() > 1 && inputs.backend() != Training.Backend.TrainJob) {
            throw new Refused("BadTraining", "spec.training.nodes: training on " + inputs.nodes()
                    + " nodes needs backend TrainJob, and " + backendFrom + " is Job");
        }
        if (inputs.nodes() > 1 && config.sharedStorageClass().isEmpty()) {
            throw new Refused("NoSharedStorage", "spec.training.nodes: training on " + inputs.nodes() + " nodes "
                    + "needs a workspace every node mounts, and this operator names no ReadWriteMany storage class "
                    + "(switchboard.distill.shared-storage-class)");
        }
    }

    /**
     * The students the job tries, in the order tried: spec.student alone, or spec.candidates by their serving cost
     * per hour, cheapest first (the catalog's order on a tie).
     */
    public List<StudentEntry> candidates(DistillationJob job) {
        DistillationJobSpec spec = job.getSpec();
        if ((spec.student == null) == (spec.candidates == null)) {
            throw new Refused("NoStudent", "spec: set exactly one of student, candidates");
        }
        Catalog entries = catalog.read();
        if (spec.student != null) {
            String base = spec.student.base;
            return List.of(entries.find(base).orElseThrow(() -> new Refused("UnknownStudent",
                    "spec.student.base: " + base + " is not in the student catalog")));
        }
        List<StudentEntry> candidates = new ArrayList<>();
        if (spec.candidates.equals(List.of(DistillationJobSpec.AUTO))) {
            entries.students().stream().filter(entry -> fits(spec, entry) && trainable(job, entry))
                    .forEach(candidates::add);
            if (candidates.isEmpty()) {
                throw new Refused("NoCandidates", "spec.candidates: auto finds no catalog entry for this job: small "
                        + "students are not judged by a Judge eval, lora ones need spec.resources.gpu.count, and an "
                        + "entry trained on Kubeflow Trainer needs a cluster that has it");
            }
        } else {
            for (String name : spec.candidates) {
                candidates.add(entries.find(name).orElseThrow(() -> new Refused("UnknownStudent",
                        "spec.candidates: " + name + " is not in the student catalog")));
            }
        }
        candidates.sort(Comparator.comparing(StudentEntry::servingCostPerHourUsd));
        return List.copyOf(candidates);
    }

    /**
     * Whether {@code auto} tries the entry: a small student learns short answers (a Judge eval is for free text,
     * which needs a pretrained base); a lora one needs the GPUs the spec allows.
     */
    private static boolean fits(DistillationJobSpec spec, StudentEntry entry) {
        if (entry.studentClass() == StudentClass.SMALL) {
            return spec.evals.stream().noneMatch(eval -> eval.kind == Eval.Kind.Judge);
        }
        return spec.resources != null && spec.resources.gpu != null && spec.resources.gpu.count != null
                && spec.resources.gpu.count > 0;
    }

    /** The longest name of a Job: the Job controller puts it in a label of its pods. */
    static final int MAX_JOB_NAME = 63;

    /** The reason of a refusal that installing Kubeflow Trainer lifts: such a job is looked at again. */
    static final String TRAIN_JOB_UNAVAILABLE = "TrainJobUnavailable";

    /** Why the job cannot run, or empty when it can. */
    public Optional<Refused> refusal(DistillationJob job) {
        return check(job).refusal();
    }

    /** A job checked: the students it tries in the order tried, or why the operator refuses it. */
    public final class Checked {

        private final List<StudentEntry> candidates;
        private final Refused refused;

        private Checked(List<StudentEntry> candidates, Refused refused) {
            this.candidates = candidates;
            this.refused = refused;
        }

        /** Why the job cannot run, or empty when it can. */
        public Optional<Refused> refusal() {
            return Optional.ofNullable(refused);
        }

        /** The students the job tries, in the order tried. */
        public List<StudentEntry> candidates() {
            if (refused != null) {
                throw refused;
            }
            return candidates;
        }

        /** The inputs for the student being tried: {@code status.candidate}, or the first when none is yet. */
        public Inputs inputs(DistillationJob job) {
            String current = job.getStatus() == null ? null : job.getStatus().candidate;
            return inputs(job, current).orElseGet(() -> PipelineInputs.this.inputs(job, candidates.get(0)));
        }

        /** The inputs for one of the students the job tries, by its name. */
        public Optional<Inputs> inputs(DistillationJob job, String candidate) {
            return candidates().stream().filter(entry -> entry.name().equals(candidate)).findFirst()
                    .map(entry -> PipelineInputs.this.inputs(job, entry));
        }
    }

    /** A spec the operator refuses: the reason of the Accepted condition, a message naming the field. */
    public static class Refused extends RuntimeException {

        private final String reason;

        Refused(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
