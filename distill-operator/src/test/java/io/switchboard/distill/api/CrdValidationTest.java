package io.switchboard.distill.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The committed CRD accepts the example and refuses bad specs with a message naming the field. */
class CrdValidationTest {

    static CrdRules rules;

    @BeforeAll
    static void load() throws Exception {
        rules = new CrdRules(CrdFileTest.COMMITTED);
    }

    static ObjectNode example() throws Exception {
        return (ObjectNode) CrdRules.YAML.readTree(Path.of("../k8s/examples/distillationjob.yaml").toFile());
    }

    @Test
    void theExampleIsAccepted() throws Exception {
        assertThat(rules.violations(example())).isEmpty();
    }

    @Test
    void aSmallStudentFromAConfigMapIsAccepted() throws Exception {
        // given
        ObjectNode job = example();
        ObjectNode spec = (ObjectNode) job.get("spec");
        spec.set("dataset", CrdRules.YAML.readTree("{configMap: {name: tickets, key: tickets.jsonl}}"));
        spec.set("student", CrdRules.YAML.readTree("{base: tiny-llama, method: Full}"));
        spec.remove("resources");

        // then
        assertThat(rules.violations(job)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /spec/teacher                  | ''                                                     | teacher
            /spec/student/base             | Qwen_0.5B                                              | base
            /spec/student/method           | Distil                                                 | method
            /spec/split/evalFraction       | '"0.0"'                                                | spec.split.evalFraction must be above 0
            /spec/split/evalFraction       | '"1.5"'                                                | evalFraction
            /spec/acceptance/minRelativeAccuracy | '"0"'                                            | spec.acceptance.minRelativeAccuracy must be above 0
            /spec/acceptance/maxCostRatio  | 20%                                                    | maxCostRatio
            /spec/acceptance/maxP95Latency | 0.8s                                                   | maxP95Latency
            /spec/dataset                  | {uri: "pvc://data/a.jsonl", configMap: {name: a, key: b}} | spec.dataset: set exactly one of uri, configMap, fromTraffic
            /spec/dataset                  | {}                                                     | spec.dataset: set exactly one of uri, configMap, fromTraffic
            /spec/dataset                  | {uri: "https://example.com/a.jsonl"}                   | uri
            /spec/evals                    | []                                                     | evals
            /spec/evals                    | [{kind: Regex}]                                        | spec.evals[].pattern is required for kind Regex
            /spec/evals                    | [{kind: JsonFields}]                                   | spec.evals[].fields is required for kind JsonFields
            /spec/evals                    | [{kind: Judge, weight: 2}]                             | spec.evals[].judgeModel is required for kind Judge
            /spec/resources/gpu/count      | -1                                                     | count
            /spec/resources/queue          | Team_ML                                                | queue
            /spec/activeDeadlineSeconds    | 0                                                      | activeDeadlineSeconds
            /spec/promotion/mode           | Sometimes                                              | mode
            /spec/promotion/canary         | {steps: [0, 100]}                                      | spec.promotion.canary.steps: each step is a percent from 1 to 100
            /spec/promotion/canary         | {steps: [10, 50]}                                      | spec.promotion.canary.steps: the last step is 100
            /spec/promotion/canary         | {steps: [100], interval: 10}                           | interval
            /spec/promotion/canary         | {interval: 10m}                                        | steps
            /spec/promotion/canary         | {steps: [100], maxErrorRatio: 5%}                      | maxErrorRatio
            /spec/promotion/shadow         | {minRequests: 10}                                      | percent
            /spec/promotion/shadow         | {percent: 0}                                           | percent
            /spec/promotion/shadow         | {percent: 101}                                         | percent
            /spec/promotion/shadow         | {percent: 5, minAgreement: 90%}                        | minAgreement
            /spec/promotion/shadow         | {percent: 5, window: 1d}                               | window
            /spec/training                 | {parallelism: 2}                                       | spec.training.parallelism: training more than one at once needs spec.candidates
            /spec/training                 | {parallelism: 0}                                       | parallelism
            """)
    void aBadSpecIsRefusedNamingTheField(String pointer, String yaml, String expected) throws Exception {
        // given
        ObjectNode job = example();
        int cut = pointer.lastIndexOf('/');
        JsonNode value = CrdRules.YAML.readTree(yaml.isEmpty() ? "''" : yaml);
        ((ObjectNode) job.at(pointer.substring(0, cut))).set(pointer.substring(cut + 1), value);

        // when
        List<String> violations = rules.violations(job);

        // then
        assertThat(violations).anySatisfy(message -> assertThat(message).contains(expected));
    }

    @Test
    void aShadowAndACanaryTogetherAreAccepted() throws Exception {
        // given
        ObjectNode job = example();
        ((ObjectNode) job.at("/spec/promotion")).set("canary", CrdRules.YAML.readTree("{steps: [10, 100]}"));
        ((ObjectNode) job.at("/spec/promotion")).set("shadow",
                CrdRules.YAML.readTree("{percent: 5, minRequests: 200, minAgreement: \"0.9\", window: 30m}"));

        // then
        assertThat(rules.violations(job)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"'[tiny-llama, qwen2.5-0.5b]'", "[auto]"})
    void candidatesInsteadOfAStudentAreAccepted(String candidates) throws Exception {
        // given: trained two at once
        ObjectNode job = example();
        ObjectNode spec = (ObjectNode) job.get("spec");
        spec.remove("student");
        spec.set("candidates", CrdRules.YAML.readTree(candidates));
        spec.set("training", CrdRules.YAML.readTree("{parallelism: 2}"));

        // then
        assertThat(rules.violations(job)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            both          | true  | [tiny-llama]             | spec: set exactly one of student, candidates
            neither       | false |                          | spec: set exactly one of student, candidates
            auto-and-more | false | [auto, tiny-llama]       | spec.candidates: auto stands alone
            twice         | false | [tiny-llama, tiny-llama] | spec.candidates: each entry at most once
            none          | false | []                       | candidates
            """)
    void studentAndCandidatesAreRefusedNamingTheField(String name, boolean student, String candidates,
            String expected) throws Exception {
        // given
        ObjectNode job = example();
        ObjectNode spec = (ObjectNode) job.get("spec");
        if (!student) {
            spec.remove("student");
        }
        if (candidates != null) {
            spec.set("candidates", CrdRules.YAML.readTree(candidates));
        }

        // then
        assertThat(rules.violations(job)).anySatisfy(message -> assertThat(message).contains(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            trainjob-nodes   | {backend: TrainJob, nodes: 8} |
            catalog-backend  | {nodes: 2}                    |
            job-one-node     | {backend: Job, nodes: 1}      |
            job-nodes        | {backend: Job, nodes: 2}      | spec.training.nodes: training on more than one node needs backend TrainJob
            no-nodes         | {backend: TrainJob, nodes: 0} | nodes
            unknown-backend  | {backend: Slurm}              | backend
            """)
    void theTrainingBackendAndItsNodesAreChecked(String name, String training, String expected) throws Exception {
        // given
        ObjectNode job = example();
        ((ObjectNode) job.get("spec")).set("training", CrdRules.YAML.readTree(training));

        // then
        if (expected == null) {
            assertThat(rules.violations(job)).isEmpty();
        } else {
            assertThat(rules.violations(job)).anySatisfy(message -> assertThat(message).contains(expected));
        }
    }

    @Test
    void aMissingRequiredFieldIsRefused() throws Exception {
        // given
        ObjectNode job = example();
        ((ObjectNode) job.get("spec")).remove("acceptance");

        // then
        assertThat(rules.violations(job)).anySatisfy(message -> assertThat(message).contains("acceptance"));
    }
}
