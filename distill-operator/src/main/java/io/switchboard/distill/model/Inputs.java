package io.switchboard.distill.model;

import java.util.Map;
import java.util.TreeMap;

import io.switchboard.distill.DistillConfig;
import io.switchboard.distill.api.DistillationJobSpec;
import io.switchboard.distill.api.Student;
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
    static final String WORKSPACE = "/workspace";
    static final String DATA = WORKSPACE + "/data";
    static final String ARTIFACT = WORKSPACE + "/student";
    static final int PORT = 8000;

    public Map<String, String> labels(Stage stage) {
        return new TreeMap<>(Map.of(JOB_LABEL, job, STAGE_LABEL, stage.label(), "app.kubernetes.io/managed-by",
                "switchboard-distill-operator"));
    }

    public String workspaceClaim() {
        return Stage.WORKSPACE.objectName(job);
    }

    /** The model name the student is served as: the job's name, unique in the namespace. */
    public String servedName() {
        return job;
    }

    public boolean lora() {
        Student.Method method = spec.student.method;
        return method == null ? student.studentClass() == StudentClass.LORA : method == Student.Method.Lora;
    }

    public long seed() {
        return spec.split == null || spec.split.seed == null ? 0 : spec.split.seed;
    }

    public String evalFraction() {
        return spec.split == null || spec.split.evalFraction == null ? "0.2" : spec.split.evalFraction;
    }

    public String workload() {
        return "distill/" + job;
    }
}
