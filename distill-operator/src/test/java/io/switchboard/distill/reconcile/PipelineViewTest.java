package io.switchboard.distill.reconcile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.switchboard.distill.api.Promotion;
import io.switchboard.distill.report.Summaries;
import io.switchboard.testing.Chromium;
import io.switchboard.testing.KafkaBrokerResource;

/**
 * The pipeline view: its JSON read from the cluster as a job runs, and its page in headless Chromium (skipped where no
 * chromium is installed; CI installs it). The screenshot is left at {@code target/pipeline-view.png}.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(KafkaBrokerResource.class)
class PipelineViewTest {

    @Inject
    KubernetesClient client;

    @Inject
    Cluster cluster;

    @TestHTTPResource("/pipeline/")
    URL page;

    private final Optional<Chromium> chromium = Chromium.find(Path.of("target", "chromium"));

    @Test
    void aJobsStagesStateAndReportAreShownAsItRuns() throws Exception {
        // given: a job whose dataset and training are done and whose student is being served
        var job = cluster.example("viewed");
        job.getSpec().promotion.mode = Promotion.Mode.Manual;
        client.resource(job).create();
        var evaluation = cluster.runToEvaluation("viewed");

        // then: the list and the job's stages say so
        var list = JsonPath.from(given().get("/pipeline/api/jobs").then().statusCode(200).extract().asString());
        assertThat(list.getList("name", String.class)).contains("viewed");
        var running = detail("viewed");
        assertThat(states(running)).containsExactly(Map.entry("dataset", "succeeded"), Map.entry("train", "succeeded"),
                Map.entry("serving", "succeeded"), Map.entry("eval", "running"), Map.entry("report", "pending"),
                Map.entry("promotion", "pending"));
        assertThat(running.getString("stages.find { it.id == 'dataset' }.logs"))
                .isEqualTo("kubectl logs -n test job/viewed-dataset");
        assertThat(running.getString("report")).isNull();

        // when: the evaluation ends
        cluster.evaluate(evaluation, Summaries.json(Summaries.example()));
        await().untilAsserted(() -> assertThat(cluster.status("viewed").stage).isEqualTo("Succeeded"));

        // then: every stage has run, promotion was left to a person, and the report's figures are there
        var done = detail("viewed");
        assertThat(states(done)).contains(Map.entry("eval", "succeeded"), Map.entry("report", "succeeded"),
                Map.entry("promotion", "skipped"));
        assertThat(done.getString("job.relativeAccuracy")).isEqualTo("0.975");
        assertThat(done.getString("report.student.accuracy")).isEqualTo(Summaries.example().student().accuracy());
        assertThat(done.getString("reportMarkdown")).startsWith("# Distillation report: test/viewed");
        assertThat(done.getList("conditions.type", String.class)).contains("TradeoffsMet", "Promoted", "Ready");
        given().get("/pipeline/api/jobs/test/absent").then().statusCode(404);

        // and: the page draws the list, the graph, the stages, the comparison and the chart
        assumeTrue(chromium.isPresent(), "no chromium on the PATH");
        given().get("/pipeline/").then().statusCode(200).body(containsString("pipeline.js"));
        var url = page + "#job=test/viewed";
        var dom = chromium.get().dumpDom(url);
        assertThat(dom).contains("test/viewed").contains("data-stage=\"promotion\"")
                .contains("node state-skipped").contains("node state-succeeded")
                .contains("kubectl logs -n test job/viewed-train")
                .contains("Cost per million tokens").contains("data-point=\"student\"")
                .contains("Relative accuracy 0.975").doesNotContain("did not answer");
        Path png = Path.of("target", "pipeline-view.png");
        chromium.get().screenshot(url, png, 1400, 1900);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void theCandidatesTriedAreTabledAndCharted() throws Exception {
        // given: two candidates, the cheaper one missing the accuracy and the other meeting every trade-off
        var job = cluster.example("compared");
        job.getSpec().student = null;
        job.getSpec().candidates = List.of("tiny-llama", "small-qwen2");
        job.getSpec().promotion.mode = Promotion.Mode.Manual;
        client.resource(job).create();
        cluster.evaluate(cluster.runToEvaluation("compared"), Summaries.json(Summaries.with("0.61", 40, "0.002")));
        var second = cluster.candidateToEvaluation("compared", "small-qwen2");

        // then: while the second runs, its objects are named as the current candidate's
        var running = detail("compared");
        assertThat(running.getString("job.student")).isEqualTo("small-qwen2");
        assertThat(running.getString("stages.find { it.id == 'eval' }.object"))
                .isEqualTo("Job compared-eval (small-qwen2)");
        assertThat(running.getList("candidates.state", String.class)).containsExactly("NotMet", "Running");

        // when
        cluster.evaluate(second, Summaries.json(Summaries.example()));
        await().untilAsserted(() -> assertThat(cluster.status("compared").stage).isEqualTo("Succeeded"));

        // then
        var done = detail("compared");
        assertThat(done.getList("candidates.name", String.class)).containsExactly("tiny-llama", "small-qwen2");
        assertThat(done.getList("candidates.state", String.class)).containsExactly("NotMet", "Met");
        assertThat(done.getString("candidates[0].result.relativeAccuracy")).isEqualTo("0.61");

        // and: the page tables them and draws each one against the teacher
        assumeTrue(chromium.isPresent(), "no chromium on the PATH");
        var url = page + "#job=test/compared";
        var dom = chromium.get().dumpDom(url);
        assertThat(dom).contains("data-candidate=\"tiny-llama\"").contains("data-candidate=\"small-qwen2\"")
                .contains("data-point=\"tiny-llama\"").contains("data-point=\"small-qwen2\"")
                .contains("data-point=\"teacher\"").doesNotContain("data-point=\"student\"")
                .contains("relative accuracy 0.61 is below").doesNotContain("did not answer");
        Path png = Path.of("target", "pipeline-view-candidates.png");
        chromium.get().screenshot(url, png, 1400, 2100);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void candidatesTrainingAheadOfTheirTurnAreDrawnUnderTheTrainingStage() throws Exception {
        // given: three candidates, two trained at once, both training
        client.resource(cluster.choosing("branched", 2, "tiny-llama", "small-qwen2", "qwen2.5-0.5b")).create();
        cluster.finish(cluster.awaitJob("branched-dataset"), "Complete", "Done");
        cluster.awaitJob("branched-train-tiny-llama", "tiny-llama");
        cluster.awaitJob("branched-train-small-qwen2", "small-qwen2");

        // then: the training stage is the current candidate's, and the one ahead is beside it
        await().untilAsserted(() -> assertThat(detail("branched").getList("trainingAhead")).hasSize(1));
        var detail = detail("branched");
        assertThat(detail.getString("stages.find { it.id == 'train' }.object"))
                .isEqualTo("Job branched-train-tiny-llama (tiny-llama)");
        assertThat(detail.getString("trainingAhead[0].title")).isEqualTo("Ahead: small-qwen2");
        assertThat(detail.getString("trainingAhead[0].state")).isEqualTo("running");
        assertThat(detail.getString("trainingAhead[0].logs"))
                .isEqualTo("kubectl logs -n test job/branched-train-small-qwen2");

        // and: the page draws it under the training stage and tables it after it
        assumeTrue(chromium.isPresent(), "no chromium on the PATH");
        var url = page + "#job=test/branched";
        var dom = chromium.get().dumpDom(url);
        assertThat(dom).contains("data-ahead=\"true\"").contains("Ahead: small-qwen2")
                .contains("Job branched-train-small-qwen2 (small-qwen2)").doesNotContain("did not answer");
        assertThat(dom.indexOf("Job branched-train-small-qwen2 (small-qwen2)"))
                .isGreaterThan(dom.indexOf("Job branched-train-tiny-llama (tiny-llama)"))
                .isLessThan(dom.indexOf("Deployment branched-student"));
        Path png = Path.of("target", "pipeline-view-ahead.png");
        chromium.get().screenshot(url, png, 1400, 1900);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void aTrainingJobKueueHoldsIsShownQueued() {
        // given: the training Job, sent to queue team-ml
        client.resource(cluster.example("held")).create();
        cluster.finish(cluster.awaitJob("held-dataset"), "Complete", "Done");
        cluster.awaitJob("held-train");

        // when: Kueue suspends it until the queue admits it
        client.batch().v1().jobs().withName("held-train").edit(training -> {
            training.getSpec().setSuspend(true);
            return training;
        });

        // then
        await().untilAsserted(() -> {
            assertThat(cluster.condition("held", "Trained").getReason()).isEqualTo("Queued");
            assertThat(cluster.condition("held", "Trained").getMessage())
                    .isEqualTo("Job held-train waits for Kueue to admit it to queue team-ml.");
        });
        assertThat(cluster.status("held").stage).isEqualTo("Training");
        assertThat(states(detail("held"))).contains(Map.entry("train", "queued"));
    }

    private static JsonPath detail(String name) {
        return JsonPath.from(given().get("/pipeline/api/jobs/test/" + name).then().statusCode(200).extract()
                .asString());
    }

    private static List<Map.Entry<String, String>> states(JsonPath detail) {
        List<Map<String, Object>> stages = detail.getList("stages");
        return stages.stream().map(stage -> Map.entry((String) stage.get("id"), (String) stage.get("state")))
                .toList();
    }
}
