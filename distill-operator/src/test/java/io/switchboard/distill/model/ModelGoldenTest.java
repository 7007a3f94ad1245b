package io.switchboard.distill.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.switchboard.distill.TestConfig;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.api.Eval;
import io.switchboard.distill.api.FromTraffic;
import io.switchboard.distill.catalog.Catalog;
import io.switchboard.distill.catalog.CatalogFile;

/**
 * Every stage's objects, for the example (a LoRA student on a GPU, from a PVC) and a small CPU student (from a
 * ConfigMap), compared with golden files in src/test/resources/golden. A changed object is written to
 * target/golden: read the difference, then copy it over the golden file.
 */
class ModelGoldenTest {

    static final KubernetesSerialization YAML = new KubernetesSerialization();
    static final Catalog CATALOG = new CatalogFile(TestConfig.withCatalog("absent")).read();

    /** The example of k8s/examples, as the API server would hand it over. */
    static DistillationJob example() throws IOException {
        DistillationJob job = YAML.unmarshal(Files.readString(Path.of("../k8s/examples/distillationjob.yaml")),
                DistillationJob.class);
        job.getMetadata().setNamespace("ml");
        job.getMetadata().setGeneration(3L);
        return job;
    }

    static Inputs inputs(DistillationJob job) {
        return new Inputs(job.getMetadata().getName(), job.getMetadata().getNamespace(),
                job.getMetadata().getGeneration(), job.getSpec(),
                CATALOG.find(job.getSpec().student.base).orElseThrow(), TestConfig.withCatalog("absent"));
    }

    static Inputs smallStudent() throws IOException {
        DistillationJob job = example();
        job.getMetadata().setName("tickets-tiny");
        job.getSpec().dataset.uri = null;
        job.getSpec().dataset.configMap = new io.switchboard.distill.api.ConfigMapFile();
        job.getSpec().dataset.configMap.name = "tickets";
        job.getSpec().dataset.configMap.key = "tickets.jsonl";
        job.getSpec().student.base = "tiny-llama";
        job.getSpec().student.method = null;
        job.getSpec().resources = null;
        return inputs(job);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"workspace", "dataset", "train", "student-deployment", "student-service", "eval"})
    void aLoraStudentsObjectsAreTheGoldenOnes(String stage) throws IOException {
        assertGolden("lora/" + stage, build(stage).apply(inputs(example())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dataset", "train", "student-deployment"})
    void aSmallStudentsObjectsAreTheGoldenOnes(String stage) throws IOException {
        assertGolden("small/" + stage, build(stage).apply(smallStudent()));
    }

    @Test
    void aDatasetOfCapturedTrafficIsReadFromKafkaWithTheNamedSecretsSettings() throws IOException {
        // given
        DistillationJob job = example();
        job.getSpec().dataset.uri = null;
        job.getSpec().dataset.fromTraffic = new FromTraffic();
        job.getSpec().dataset.fromTraffic.window = "7d";
        job.getSpec().dataset.fromTraffic.maxExamples = 2000;

        // when
        var dataset = DatasetJobModel.job(inputs(job));

        // then
        assertGolden("traffic/dataset", dataset);
    }

    @Test
    void aDatasetOfCapturedTrafficTrustsKafkasTlsListenerByTheNamedTrustStore() throws IOException {
        // given: Strimzi's cluster CA, copied into the job's namespace
        DistillationJob job = example();
        job.getSpec().dataset.uri = null;
        job.getSpec().dataset.fromTraffic = new FromTraffic();
        Inputs plain = inputs(job);
        Inputs tls = new Inputs(plain.job(), plain.namespace(), plain.generation(), plain.spec(), plain.student(),
                TestConfig.withCatalog("absent").withTruststore("kafka-cluster-ca-cert"));

        // when
        var dataset = DatasetJobModel.job(tls);

        // then
        assertGolden("traffic/dataset-tls", dataset);
    }

    @Test
    void theKueueQueueAndGpusComeFromTheSpec() throws IOException {
        // given
        DistillationJob job = example();
        job.getSpec().resources.gpu.count = 2;

        // when
        var training = TrainingJobModel.job(inputs(job));

        // then
        assertThat(training.getMetadata().getLabels()).containsEntry(TrainingJobModel.KUEUE_QUEUE_LABEL, "team-ml");
        assertThat(training.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()
                .get("nvidia.com/gpu").toString()).isEqualTo("2");
    }

    @Test
    void aCandidateJudgedByExactMatchMayStopEarlyOnItsLearningCurve() throws IOException {
        // given: the small student as one of spec.candidates, and then judged by a Judge eval too
        Inputs single = smallStudent();
        single.spec().candidates = List.of("tiny-llama", "small-qwen2");
        single.spec().evals = List.of(exactMatch());
        var judge = new Eval();
        judge.kind = Eval.Kind.Judge;
        judge.judgeModel = "claude-opus";

        // then
        assertThat(args(TrainingJobModel.job(single))).containsSequence("--stop-below", "0.95");
        single.spec().evals = List.of(exactMatch(), judge);
        assertThat(args(TrainingJobModel.job(single))).doesNotContain("--stop-below");
        single.spec().candidates = null;
        single.spec().evals = List.of(exactMatch());
        assertThat(args(TrainingJobModel.job(single))).as("one student: nothing to choose")
                .doesNotContain("--stop-below");
    }

    private static Eval exactMatch() {
        var eval = new Eval();
        eval.kind = Eval.Kind.ExactMatch;
        return eval;
    }

    private static List<String> args(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    }

    private static Function<Inputs, HasMetadata> build(String stage) {
        return switch (stage) {
            case "workspace" -> WorkspaceModel::claim;
            case "dataset" -> DatasetJobModel::job;
            case "train" -> TrainingJobModel::job;
            case "student-deployment" -> ServingModel::deployment;
            case "student-service" -> ServingModel::service;
            case "eval" -> EvaluationJobModel::job;
            default -> throw new IllegalArgumentException(stage);
        };
    }

    static void assertGolden(String name, HasMetadata object) throws IOException {
        String actual = YAML.asYaml(object);
        Path written = Path.of("target/golden", name + ".yaml");
        Files.createDirectories(written.getParent());
        Files.writeString(written, actual);
        Path golden = Path.of("src/test/resources/golden", name + ".yaml");
        assertThat(golden).as("golden file; the object is in %s", written).exists();
        assertThat(actual).as("changed: compare with %s", written).isEqualTo(Files.readString(golden));
    }
}
