package io.switchboard.distill.model;

import java.util.Map;
import java.util.TreeMap;

import io.switchboard.distill.DistillConfig;
import io.switchboard.distill.api.DistillationJobSpec;
import io.switchboard.distill.api.Eval;
import io.switchboard.distill.api.Student;
import io.switchboard.distill.api.Training;
import io.switchboard.distill.catalog.StudentClass;
import io.switchboard.distill.catalog.StudentEntry;

/**
 * Everything the desired objects of one DistillationJob generation are built from; no operator machinery, so that
 * the objects can be compared with golden files.
 */
public record Inputs(String job, String namespace, long generation, DistillationJobSpec spec, StudentEntry student,
        DistillConfig config) {

    public static final String JOB_LABEL = "switchboard.dev/distillation-job";
    public static final String STAGE_LABEL = "switchboard.dev/stage";
    public static final String GENERATION_ANNOTATION = "switchboard.dev/generation";
    /** On a candidate's own objects: the catalog entry they were made for. */
    public static final String CANDIDATE_ANNOTATION = "switchboard.dev/candidate";
    static final String WORKSPACE = "/workspace";
    static final String DATA = WORKSPACE + "/data";
    static final String ARTIFACT = WORKSPACE + "/student";
    /** Where each candidate's student goes, in a directory of its name: several may train at once. */
    static final String CANDIDATE_ARTIFACTS = WORKSPACE + "/candidates";
    static final int PORT = 8000;

    public Map<String, String> labels(Stage stage) {
        return new TreeMap<>(Map.of(JOB_LABEL, job, STAGE_LABEL, stage.label(), "app.kubernetes.io/managed-by",
                "switchboard-distill-operator"));
    }

    /**
     * The workspace claim: of its own name when several nodes or candidates train at once, since a claim's access
     * mode cannot change and those pods need ReadWriteMany (a changed spec starts again from the dataset stage, on
     * the new claim).
     */
    public String workspaceClaim() {
        return Stage.WORKSPACE.objectName(job) + (sharedWorkspace() ? "-shared" : "");
    }

    /** Whether pods on several nodes mount the workspace at once: a TrainJob's nodes, or candidates training at once. */
    public boolean sharedWorkspace() {
        return nodes() > 1 || parallelism() > 1;
    }

    /** The name of a stage's Job: a candidate's training Job has one of its own, as several may train at once. */
    public String objectName(Stage stage) {
        return stage == Stage.TRAINING ? trainingName(job, listed() ? student.name() : null) : stage.objectName(job);
    }

    /**
     * The training Job's name: {@code <job>-train}, or with spec.candidates {@code <job>-train-<candidate>}.
     *
     * @param candidate the candidate trained, null for spec.student
     */
    public static String trainingName(String job, String candidate) {
        return Stage.TRAINING.objectName(job) + (candidate == null ? "" : "-" + candidate);
    }

    /** Where the trainer writes the student, its server reads it and the evaluation finds its metrics. */
    public String artifact() {
        return listed() ? CANDIDATE_ARTIFACTS + "/" + student.name() : ARTIFACT;
    }

    /** Whether the pipeline chooses among spec.candidates. */
    public boolean listed() {
        return spec.candidates != null;
    }

    /** The model name the student is served as: the job's name, unique in the namespace. */
    public String servedName() {
        return job;
    }

    public boolean lora() {
        Student.Method method = spec.student == null ? null : spec.student.method;
        return method == null ? student.studentClass() == StudentClass.LORA : method == Student.Method.Lora;
    }

    /** The annotations of an object every candidate shares: the spec's generation. */
    public Map<String, String> annotations() {
        return new TreeMap<>(Map.of(GENERATION_ANNOTATION, Long.toString(generation)));
    }

    /** The annotations of a stage's objects: the spec's generation, and the candidate for its own ones. */
    public Map<String, String> annotations(Stage stage) {
        Map<String, String> annotations = annotations();
        if (stage.perCandidate()) {
            annotations.put(CANDIDATE_ANNOTATION, student.name());
        }
        return annotations;
    }

    /**
     * Whether the trainer may stop a candidate early on its learning curve: the pipeline chooses among candidates, and
     * every eval is ExactMatch, which is what the trainer's curve measures (agreement with the teacher's answers).
     */
    public boolean stopsEarly() {
        return listed() && spec.evals.stream().allMatch(eval -> eval.kind == Eval.Kind.ExactMatch);
    }

    public long seed() {
        return spec.split == null || spec.split.seed == null ? 0 : spec.split.seed;
    }

    public String evalFraction() {
        return spec.split == null || spec.split.evalFraction == null ? "0.2" : spec.split.evalFraction;
    }

    /** What trains the student: spec.training.backend, else the catalog entry's, else a Job. */
    public Training.Backend backend() {
        if (spec.training != null && spec.training.backend != null) {
            return spec.training.backend;
        }
        return student.backend() == null ? Training.Backend.Job : student.backend();
    }

    /** The nodes the student trains on. */
    public int nodes() {
        return spec.training == null || spec.training.nodes == null ? 1 : spec.training.nodes;
    }

    /** How many candidates train at once. */
    public int parallelism() {
        // at least one where no API server checked the spec
        return spec.training == null || spec.training.parallelism == null ? 1 : Math.max(1, spec.training.parallelism);
    }

    public String workload() {
        return "distill/" + job;
    }
}
