package io.switchboard.distill.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.DefaultManagedWorkflowAndDependentResourceContext;
import io.switchboard.distill.TestConfig;
import io.switchboard.distill.api.Canary;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.DistillationJobSpec;
import io.switchboard.distill.api.DistillationJobStatus;
import io.switchboard.distill.api.Eval;
import io.switchboard.distill.api.FromTraffic;
import io.switchboard.distill.api.Shadow;
import io.switchboard.distill.api.Training;
import io.switchboard.distill.catalog.CatalogFile;
import io.switchboard.distill.catalog.StudentEntry;

/** When a job whose examples are captured traffic can run: the operator must be able to hand Kafka to its Job. */
class PipelineInputsTest {

    /** A cluster without Kubeflow Trainer. */
    static final KubeflowTrainer TRAINER_ABSENT = new KubeflowTrainer(null) {

        @Override
        public boolean available() {
            return false;
        }
    };

    @Test
    void capturedTrafficNeedsKafkaAndItsCredentialsWhereKafkaAsksForThem() throws IOException {
        var job = trafficJob();
        var full = TestConfig.withCatalog("absent");
        var noKafka = full.withTracesKafka(Optional.empty(), Optional.empty());
        var noSecret = full.withTracesKafka(full.tracesBootstrapServers(), Optional.empty());

        assertThat(new PipelineInputs(new CatalogFile(full), full, "SASL_SSL", TRAINER_ABSENT).refusal(job)).isEmpty();
        assertThat(new PipelineInputs(new CatalogFile(noSecret), noSecret, "PLAINTEXT", TRAINER_ABSENT).refusal(job))
                .isEmpty();
        assertThat(new PipelineInputs(new CatalogFile(noKafka), noKafka, "PLAINTEXT", TRAINER_ABSENT).refusal(job))
                .hasValueSatisfying(refused -> {
                    assertThat(refused.reason()).isEqualTo("DatasetUnavailable");
                    assertThat(refused.getMessage()).startsWith("spec.dataset.fromTraffic: ")
                            .contains("switchboard.distill.traces-bootstrap-servers");
                });
        assertThat(
                new PipelineInputs(new CatalogFile(noSecret), noSecret, "SASL_PLAINTEXT", TRAINER_ABSENT).refusal(job))
                .hasValueSatisfying(refused -> assertThat(refused.getMessage())
                        .contains("switchboard.distill.traces-kafka-secret"));
    }

    @Test
    void oneReconcileSeesOneCatalogAndTheCandidateItMovesTo(@TempDir Path dir) throws IOException {
        Path catalog = dir.resolve("catalog.yaml");
        Files.copy(Path.of("src/main/resources/catalog.yaml"), catalog);
        var config = TestConfig.withCatalog(catalog.toString());
        var inputs = new PipelineInputs(new CatalogFile(config), config, "PLAINTEXT", TRAINER_ABSENT);
        var job = trafficJob();
        job.getSpec().student = null;
        job.getSpec().candidates = List.of("tiny-llama", "small-qwen2");
        var reconcile = reconcile(job);
        assertThat(inputs.of(job, reconcile).student().name()).isEqualTo("tiny-llama");

        Files.writeString(catalog, """
                students:
                  - name: tiny-llama
                    class: small
                    parameters: 100k
                    hardware: {gpus: 0, cpu: "1", memory: 1Gi}
                    weights: config
                    architecture: llama
                    size: tiny
                    servingCostPerHour: "0.02"
                """);
        job.setStatus(new DistillationJobStatus());
        job.getStatus().candidate = "small-qwen2";
        assertThat(inputs.check(job, reconcile).refusal()).as("the catalog this reconcile read").isEmpty();
        assertThat(inputs.of(job, reconcile).student().name()).as("the candidate it moved to")
                .isEqualTo("small-qwen2");
        assertThat(inputs.check(job, reconcile(job)).refusal()).as("the next reconcile reads the catalog again")
                .hasValueSatisfying(refused -> assertThat(refused.reason()).isEqualTo("UnknownStudent"));
    }

    /** A reconcile's context as far as the inputs use it: what the workflow's parts share. */
    @SuppressWarnings("unchecked")
    private static Context<DistillationJob> reconcile(DistillationJob job) {
        var shared = new DefaultManagedWorkflowAndDependentResourceContext<>(null, job, null);
        return (Context<DistillationJob>) Proxy.newProxyInstance(Context.class.getClassLoader(),
                new Class<?>[]{Context.class}, (proxy, method, args) -> {
                    if (method.getName().equals("managedWorkflowAndDependentResourceContext")) {
                        return shared;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aCandidatesTrainingJobMustHaveANameKubernetesTakes() throws IOException {
        var config = TestConfig.withCatalog("absent");
        var inputs = new PipelineInputs(new CatalogFile(config), config, "PLAINTEXT", TRAINER_ABSENT);
        var job = trafficJob();
        job.getSpec().student = null;
        job.getSpec().candidates = List.of("tiny-llama", "qwen2.5-0.5b");

        // 63 characters for the dearer one: taken
        job.getMetadata().setName("a".repeat(63 - "-train-qwen2.5-0.5b".length()));
        assertThat(inputs.refusal(job)).isEmpty();

        // one more: refused, naming the name
        job.getMetadata().setName(job.getMetadata().getName() + "a");
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> {
            assertThat(refused.reason()).isEqualTo("NameTooLong");
            assertThat(refused.getMessage()).isEqualTo("metadata.name: the training Job of qwen2.5-0.5b would be "
                    + "named " + job.getMetadata().getName() + "-train-qwen2.5-0.5b, 64 characters, and Kubernetes "
                    + "allows 63; give the job a shorter name");
        });
    }

    @Test
    void candidatesAreTriedCheapestFirstAndAutoTakesWhatFitsTheJob() throws IOException {
        var config = TestConfig.withCatalog("absent");
        var inputs = new PipelineInputs(new CatalogFile(config), config, "PLAINTEXT", TRAINER_ABSENT);
        var job = trafficJob();
        job.getSpec().student = null;

        job.getSpec().candidates = List.of("qwen2.5-7b", "small-qwen2", "tiny-llama");
        assertThat(inputs.candidates(job)).extracting(StudentEntry::name)
                .containsExactly("tiny-llama", "small-qwen2", "qwen2.5-7b");
        assertThat(inputs.of(job).student().name()).as("the first, before any is tried").isEqualTo("tiny-llama");
        job.setStatus(new DistillationJobStatus());
        job.getStatus().candidate = "small-qwen2";
        assertThat(inputs.of(job).student().name()).isEqualTo("small-qwen2");

        // auto: the example asks for a GPU and judges free text, so the lora entries
        job.getSpec().candidates = List.of(DistillationJobSpec.AUTO);
        assertThat(job.getSpec().evals).extracting(eval -> eval.kind).contains(Eval.Kind.Judge);
        assertThat(inputs.candidates(job)).extracting(StudentEntry::name).hasSize(6).startsWith("qwen2.5-0.5b")
                .doesNotContain("tiny-llama", "small-qwen2");
        // short answers: every entry, the small ones first
        var judged = job.getSpec().evals;
        var exact = new Eval();
        exact.kind = Eval.Kind.ExactMatch;
        job.getSpec().evals = List.of(exact);
        assertThat(inputs.candidates(job)).extracting(StudentEntry::name).hasSize(8)
                .startsWith("tiny-llama", "small-qwen2");
        // without GPUs the small ones only, and for free text none
        job.getSpec().resources.gpu = null;
        assertThat(inputs.candidates(job)).extracting(StudentEntry::name)
                .containsExactly("tiny-llama", "small-qwen2");
        job.getSpec().evals = judged;
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> {
            assertThat(refused.reason()).isEqualTo("NoCandidates");
            assertThat(refused.getMessage()).startsWith("spec.candidates: auto finds no catalog entry");
        });

        job.getSpec().candidates = List.of("tiny-llama", "gpt-2");
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> {
            assertThat(refused.reason()).isEqualTo("UnknownStudent");
            assertThat(refused.getMessage()).isEqualTo("spec.candidates: gpt-2 is not in the student catalog");
        });
        job.getSpec().candidates = null;
        assertThat(inputs.refusal(job)).hasValueSatisfying(
                refused -> assertThat(refused.getMessage()).isEqualTo("spec: set exactly one of student, candidates"));
    }

    @Test
    void aTrainJobNeedsKubeflowTrainerAndSeveralNodesOrCandidatesAtOnceNeedSharedStorage() throws IOException {
        var config = TestConfig.withCatalog("absent");
        var present = new KubeflowTrainer(null) {

            @Override
            public boolean available() {
                return true;
            }
        };
        var job = trafficJob();
        job.getSpec().training = new Training();
        job.getSpec().training.backend = Training.Backend.TrainJob;

        assertThat(new PipelineInputs(new CatalogFile(config), config, "PLAINTEXT", present).refusal(job)).isEmpty();
        assertThat(new PipelineInputs(new CatalogFile(config), config, "PLAINTEXT", TRAINER_ABSENT).refusal(job))
                .hasValueSatisfying(refused -> {
                    assertThat(refused.reason()).isEqualTo("TrainJobUnavailable");
                    assertThat(refused.getMessage()).isEqualTo("spec.training.backend is TrainJob, and this cluster "
                            + "does not run Kubeflow Trainer (no CRD trainjobs.trainer.kubeflow.org); use backend Job");
                });

        // several nodes: a shared workspace
        job.getSpec().training.nodes = 4;
        var inputs = new PipelineInputs(new CatalogFile(config), config, "PLAINTEXT", present);
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> {
            assertThat(refused.reason()).isEqualTo("NoSharedStorage");
            assertThat(refused.getMessage()).isEqualTo("spec.training.nodes: training on 4 nodes needs a workspace "
                    + "every node mounts, and this operator names no ReadWriteMany storage class "
                    + "(switchboard.distill.shared-storage-class)");
        });
        var shared = config.withSharedStorageClass("shared-rwx");
        inputs = new PipelineInputs(new CatalogFile(shared), shared, "PLAINTEXT", present);
        assertThat(inputs.refusal(job)).isEmpty();
        assertThat(inputs.of(job).nodes()).isEqualTo(4);

        // several candidates at once: a shared workspace, and candidates
        var nodes = job.getSpec().training;
        job.getSpec().training = new Training();
        job.getSpec().training.parallelism = 3;
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> {
            assertThat(refused.reason()).isEqualTo("BadTraining");
            assertThat(refused.getMessage())
                    .isEqualTo("spec.training.parallelism: training more than one at once needs spec.candidates");
        });
        job.getSpec().candidates = List.of(job.getSpec().student.base);
        var student = job.getSpec().student;
        job.getSpec().student = null;
        assertThat(new PipelineInputs(new CatalogFile(config), config, "PLAINTEXT", present).refusal(job))
                .hasValueSatisfying(refused -> {
                    assertThat(refused.reason()).isEqualTo("NoSharedStorage");
                    assertThat(refused.getMessage()).isEqualTo("spec.training.parallelism: training 3 candidates at "
                            + "once needs a workspace pods on several nodes mount, and this operator names no "
                            + "ReadWriteMany storage class (switchboard.distill.shared-storage-class)");
                });
        assertThat(inputs.refusal(job)).isEmpty();
        assertThat(inputs.of(job).workspaceClaim()).endsWith("-workspace-shared");
        job.getSpec().student = student;
        job.getSpec().candidates = null;
        job.getSpec().training = nodes;

        // the catalog entry's backend, the Job when it names none, cannot train on several nodes
        job.getSpec().training.backend = null;
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> {
            assertThat(refused.reason()).isEqualTo("BadTraining");
            assertThat(refused.getMessage()).isEqualTo("spec.training.nodes: training on 4 nodes needs backend "
                    + "TrainJob, and catalog entry " + job.getSpec().student.base + "'s backend is Job");
        });
    }

    @Test
    void aCandidateTrainedOnKubeflowTrainerIsRefusedAtOnceOrLeftOutOfAutoWhereTheClusterHasNone(@TempDir Path dir)
            throws IOException {
        // given: a catalog whose second small entry trains on Kubeflow Trainer
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                students:
                  - {name: tiny-llama, class: small, hardware: {gpus: 0, cpu: "1", memory: 1Gi}, weights: config,
                     servingCostPerHour: "0.02"}
                  - {name: tiny-on-trainer, class: small, hardware: {gpus: 0, cpu: "1", memory: 1Gi},
                     weights: config, servingCostPerHour: "0.03", backend: TrainJob}
                """);
        var config = TestConfig.withCatalog(catalog.toString());
        var inputs = new PipelineInputs(new CatalogFile(config), config, "PLAINTEXT", TRAINER_ABSENT);
        var job = trafficJob();
        job.getSpec().student = null;
        var exact = new Eval();
        exact.kind = Eval.Kind.ExactMatch;
        job.getSpec().evals = List.of(exact);

        // when it is listed, the job is refused before its first candidate runs, naming the entry
        job.getSpec().candidates = List.of("tiny-llama", "tiny-on-trainer");
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> {
            assertThat(refused.reason()).isEqualTo("TrainJobUnavailable");
            assertThat(refused.getMessage()).startsWith("catalog entry tiny-on-trainer's backend is TrainJob");
        });

        // and auto leaves it out
        job.getSpec().candidates = List.of(DistillationJobSpec.AUTO);
        assertThat(inputs.candidates(job)).extracting(StudentEntry::name).containsExactly("tiny-llama");
        assertThat(inputs.refusal(job)).isEmpty();
    }

    @Test
    void canaryStepsMustGrow() throws IOException {
        var config = TestConfig.withCatalog("absent");
        var inputs = new PipelineInputs(new CatalogFile(config), config, "PLAINTEXT", TRAINER_ABSENT);
        var job = trafficJob();
        job.getSpec().promotion.canary = new Canary();
        job.getSpec().promotion.canary.steps = List.of(10, 50, 100);
        assertThat(inputs.refusal(job)).isEmpty();

        job.getSpec().promotion.canary.steps = List.of(50, 10, 100);

        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> {
            assertThat(refused.reason()).isEqualTo("BadCanary");
            assertThat(refused.getMessage()).isEqualTo(
                    "spec.promotion.canary.steps: each step must be above the one before it, [50, 10, 100]");
        });
    }

    @Test
    void aShadowNeedsExactMatchOrJsonFieldsEvalsOnly() throws IOException {
        var config = TestConfig.withCatalog("absent");
        var inputs = new PipelineInputs(new CatalogFile(config), config, "PLAINTEXT", TRAINER_ABSENT);
        var job = trafficJob();
        job.getSpec().promotion.shadow = new Shadow();
        job.getSpec().promotion.shadow.percent = 5;
        int judge = job.getSpec().evals.stream().map(eval -> eval.kind).toList().indexOf(Eval.Kind.Judge);

        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> {
            assertThat(refused.reason()).isEqualTo("BadShadow");
            assertThat(refused.getMessage()).isEqualTo("spec.promotion.shadow compares the student's and the "
                    + "teacher's answers as the evals do when every eval is ExactMatch, or the only eval is "
                    + "JsonFields, Regex or ToolCall; spec.evals[" + judge + "] is Judge");
        });

        var exact = new Eval();
        exact.kind = Eval.Kind.ExactMatch;
        var priority = jsonFields("priority");
        job.getSpec().evals = List.of(exact, priority);
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> assertThat(refused.getMessage())
                .endsWith("spec.evals[1] is JsonFields beside others"));
        job.getSpec().evals = List.of(priority, jsonFields("team"));
        assertThat(inputs.refusal(job)).as("two verdicts that one shadow cannot give").isPresent();
        job.getSpec().evals = List.of(jsonFields("team", ""));
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> assertThat(refused.getMessage())
                .isEqualTo("spec.evals[0].fields: a JsonFields eval names its fields, none of them empty"));
        job.getSpec().evals = List.of(jsonFields("team", "priority"));
        assertThat(inputs.refusal(job)).isEmpty();
        assertThat(Shadowing.comparison(job.getSpec().evals).fields()).containsExactly("team", "priority");
        job.getSpec().evals = List.of(exact);
        assertThat(inputs.refusal(job)).isEmpty();
        assertThat(Shadowing.comparison(job.getSpec().evals)).as("the whole text")
                .isEqualTo(Shadowing.Comparison.WHOLE_TEXT);
        var regex = new Eval();
        regex.kind = Eval.Kind.Regex;
        regex.pattern = "category: (\\w+)";
        job.getSpec().evals = List.of(regex);
        assertThat(inputs.refusal(job)).isEmpty();
        assertThat(Shadowing.comparison(job.getSpec().evals))
                .isEqualTo(new Shadowing.Comparison(null, "category: (\\w+)", null));
        regex.pattern = "(unclosed";
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> assertThat(refused.getMessage())
                .startsWith("spec.evals[0].pattern: not a regular expression: "));
        var toolCall = new Eval();
        toolCall.kind = Eval.Kind.ToolCall;
        job.getSpec().evals = List.of(toolCall);
        assertThat(Shadowing.comparison(job.getSpec().evals)).isEqualTo(new Shadowing.Comparison(null, null, true));
        job.getSpec().evals = List.of(toolCall, exact);
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> assertThat(refused.getMessage())
                .endsWith("spec.evals[0] is ToolCall beside others"));
        job.getSpec().evals = List.of(exact);

        // and: an agreement bound above 1, by default or written, and a window longer than the usage events kept
        job.getSpec().acceptance.minRelativeAccuracy = "1.05";
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> assertThat(refused.getMessage()).isEqualTo(
                "spec.promotion.shadow.minAgreement: an agreement cannot be above 1; set it, since "
                        + "spec.acceptance.minRelativeAccuracy (1.05) is"));
        job.getSpec().promotion.shadow.minAgreement = "0.9";
        assertThat(inputs.refusal(job)).isEmpty();
        job.getSpec().promotion.shadow.window = "7h";
        assertThat(inputs.refusal(job)).hasValueSatisfying(refused -> {
            assertThat(refused.reason()).isEqualTo("BadShadow");
            assertThat(refused.getMessage()).isEqualTo(
                    "spec.promotion.shadow.window: at most 6h, the usage events the operator keeps, not 7h");
        });
    }

    private static Eval jsonFields(String... fields) {
        var eval = new Eval();
        eval.kind = Eval.Kind.JsonFields;
        eval.fields = List.of(fields);
        return eval;
    }

    private static DistillationJob trafficJob() throws IOException {
        var job = new KubernetesSerialization().unmarshal(
                Files.readString(Path.of("../k8s/examples/distillationjob.yaml")), DistillationJob.class);
        job.getMetadata().setNamespace("ml");
        job.getMetadata().setGeneration(1L);
        job.getSpec().dataset.uri = null;
        job.getSpec().dataset.fromTraffic = new FromTraffic();
        return job;
    }
}
