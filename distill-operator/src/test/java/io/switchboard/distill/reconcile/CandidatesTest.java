package io.switchboard.distill.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.switchboard.distill.api.CandidateStatus.State;
import io.switchboard.distill.api.DistillationJob;
import io.switchboard.distill.report.Summaries;
import io.switchboard.distill.report.SummaryJson;
import io.switchboard.testing.KafkaBrokerResource;

/**
 * spec.candidates: the pipeline trains, serves and evaluates them one after another, cheapest first, until one meets
 * the trade-offs; when none does, the job ends with NoBetterStudent and the report says how close each came. With
 * spec.training.parallelism the next ones train ahead of their turn.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(KafkaBrokerResource.class)
class CandidatesTest {

    @Inject
    KubernetesClient client;

    @Inject
    Cluster cluster;

    @Test
    void theCheapestCandidateThatMeetsTheTradeoffsIsChosenAndPromoted() throws Exception {
        // given: three candidates, listed dearest first (the example asks for a GPU, so a lora one may run)
        DistillationJob job = cluster.example("chooser");
        job.getSpec().student = null;
        job.getSpec().candidates = List.of("qwen2.5-0.5b", "small-qwen2", "tiny-llama");
        client.resource(job).create();

        // when: the cheapest misses the accuracy, the next one's training fails, the third meets every trade-off
        cluster.evaluate(cluster.runToEvaluation("chooser"), Summaries.json(Summaries.with("0.61", 40, "0.002")));
        assertThat(cluster.status("chooser").candidates).extracting(candidate -> candidate.name)
                .containsExactly("tiny-llama", "small-qwen2", "qwen2.5-0.5b");
        cluster.finish(cluster.awaitJob("chooser-train-small-qwen2", "small-qwen2"), "Failed", "BackoffLimitExceeded");
        cluster.evaluate(cluster.candidateToEvaluation("chooser", "qwen2.5-0.5b"),
                Summaries.json(Summaries.example()));

        // then
        await().untilAsserted(() -> assertThat(cluster.status("chooser").stage).isEqualTo("Succeeded"));
        var status = cluster.status("chooser");
        assertThat(status.candidate).isEqualTo("qwen2.5-0.5b");
        assertThat(status.candidates).extracting(candidate -> candidate.name, candidate -> candidate.state)
                .containsExactly(tuple("tiny-llama", State.NotMet),
                        tuple("small-qwen2", State.Failed),
                        tuple("qwen2.5-0.5b", State.Met));
        assertThat(status.candidates.get(0).message)
                .isEqualTo("relative accuracy 0.61 is below spec.acceptance.minRelativeAccuracy 0.95");
        assertThat(status.candidates.get(0).result.relativeAccuracy).isEqualTo("0.61");
        assertThat(status.candidates.get(1).message).startsWith("Training failed: Job chooser-train-small-qwen2: ");
        assertThat(status.result.relativeAccuracy).isEqualTo("0.975");
        assertThat(cluster.condition("chooser", "TradeoffsMet")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getMessage()).startsWith("qwen2.5-0.5b: relative accuracy 0.975 is at least");
        });
        assertThat(cluster.condition("chooser", "Promoted").getStatus()).isEqualTo("True");
        assertThat(RouteTopic.routes("test/chooser")).singleElement()
                .satisfies(route -> assertThat(route.student()).isEqualTo("chooser"));
        var report = client.configMaps().withName("chooser-report").get().getData();
        assertThat(report).containsOnlyKeys("tiny-llama.json", "qwen2.5-0.5b.json", "report.json", "report.md");
        assertThat(SummaryJson.read(report.get("report.json"))).isEqualTo(Summaries.example());
        assertThat(report.get("report.md")).contains("## Candidates")
                .contains("**Chosen**: `qwen2.5-0.5b`, the cheapest candidate that meets every trade-off");
        // an earlier candidate's Jobs are gone
        assertThat(client.batch().v1().jobs().withLabel("switchboard.dev/distillation-job", "chooser").list()
                .getItems()).allSatisfy(
                        stageJob -> assertThat(stageJob.getMetadata().getAnnotations()
                                .getOrDefault("switchboard.dev/candidate", "qwen2.5-0.5b")).isEqualTo("qwen2.5-0.5b"));
    }

    @Test
    void whenNoCandidateMeetsTheTradeoffsTheJobEndsNoBetterStudent() throws Exception {
        // given
        DistillationJob job = cluster.example("none-better");
        job.getSpec().student = null;
        job.getSpec().candidates = List.of("tiny-llama", "small-qwen2");
        client.resource(job).create();

        // when: both miss the accuracy, the first by less
        cluster.evaluate(cluster.runToEvaluation("none-better"), Summaries.json(Summaries.with("0.72", 40, "0.002")));
        cluster.evaluate(cluster.candidateToEvaluation("none-better", "small-qwen2"),
                Summaries.json(Summaries.with("0.61", 60, "0.004")));

        // then: a result, not a failure, with the closest candidate's figures, and no route
        await().untilAsserted(() -> assertThat(cluster.status("none-better").stage).isEqualTo("Succeeded"));
        var status = cluster.status("none-better");
        assertThat(status.candidates).extracting(candidate -> candidate.state).containsOnly(State.NotMet);
        assertThat(status.result.relativeAccuracy).isEqualTo("0.72");
        assertThat(cluster.condition("none-better", "TradeoffsMet")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("NoBetterStudent");
            assertThat(c.getMessage()).isEqualTo("No candidate meets the trade-offs: tiny-llama relative accuracy "
                    + "0.72 is below spec.acceptance.minRelativeAccuracy 0.95; small-qwen2 relative accuracy 0.61 is "
                    + "below spec.acceptance.minRelativeAccuracy 0.95");
        });
        assertThat(cluster.condition("none-better", "Promoted").getReason()).isEqualTo("TradeoffsNotMet");
        assertThat(RouteTopic.routes("test/none-better")).isEmpty();
        var report = client.configMaps().withName("none-better-report").get().getData();
        assertThat(SummaryJson.read(report.get("report.json"))).isEqualTo(Summaries.with("0.72", 40, "0.002"));
        assertThat(report.get("report.md")).contains("**No better student**")
                .contains("The figures above are the closest candidate's, `tiny-llama`.");
    }

    @Test
    void candidatesTrainAheadOfTheirTurnUpToTheParallelismAndAreStillEvaluatedCheapestFirst() throws Exception {
        // given: three candidates, two trained at once
        client.resource(cluster.choosing("ahead", 2, "qwen2.5-0.5b", "small-qwen2", "tiny-llama")).create();

        // then: nothing trains ahead before the dataset is ready
        Job dataset = cluster.awaitJob("ahead-dataset");
        await().untilAsserted(() -> assertThat(cluster.status("ahead").candidates)
                .extracting(candidate -> candidate.state).containsExactly(State.Running, State.Pending, State.Pending));
        assertThat(client.batch().v1().jobs().withName("ahead-train-small-qwen2").get()).isNull();

        // when: it is
        cluster.finish(dataset, "Complete", "Done");

        // then: the two cheapest train at once, each into its own directory of a shared workspace
        cluster.awaitJob("ahead-train-tiny-llama", "tiny-llama");
        Job second = cluster.awaitJob("ahead-train-small-qwen2", "small-qwen2");
        assertThat(second.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSequence("--output", "/workspace/candidates/small-qwen2");
        assertThat(second.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getName()).isEqualTo("ahead"));
        assertThat(client.persistentVolumeClaims().withName("ahead-workspace-shared").get().getSpec()
                .getAccessModes()).containsExactly("ReadWriteMany");
        await().untilAsserted(() -> assertThat(cluster.status("ahead").candidates)
                .extracting(candidate -> candidate.name, candidate -> candidate.state, candidate -> candidate.message)
                .containsExactly(tuple("tiny-llama", State.Running, null),
                        tuple("small-qwen2", State.Running, "Job ahead-train-small-qwen2 trains it ahead of its turn."),
                        tuple("qwen2.5-0.5b", State.Pending, null)));
        assertThat(client.batch().v1().jobs().withName("ahead-train-qwen2.5-0.5b").get()).isNull();

        // when: the second finishes first
        cluster.finish(second, "Complete", "Done");

        // then: it keeps its Job for its turn, and its place goes to the third
        Job third = cluster.awaitJob("ahead-train-qwen2.5-0.5b", "qwen2.5-0.5b");
        await().untilAsserted(() -> assertThat(cluster.status("ahead").candidates.get(1).message)
                .isEqualTo("Job ahead-train-small-qwen2 trained it ahead of its turn; it waits for its evaluation."));

        // when: the cheapest is evaluated and misses the accuracy
        cluster.evaluate(cluster.candidateToEvaluation("ahead", "tiny-llama"),
                Summaries.json(Summaries.with("0.61", 40, "0.002")));

        // then: the second is served from the Job trained ahead, while the third goes on training
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var student = client.apps().deployments().withName("ahead-student").get();
            assertThat(student).isNotNull();
            assertThat(student.getMetadata().getAnnotations()).containsEntry("switchboard.dev/candidate",
                    "small-qwen2");
            assertThat(cluster.status("ahead").stage).isEqualTo("Serving");
        });
        assertThat(client.batch().v1().jobs().withName("ahead-train-small-qwen2").get().getMetadata().getUid())
                .isEqualTo(second.getMetadata().getUid());
        assertThat(client.batch().v1().jobs().withName("ahead-train-qwen2.5-0.5b").get().getMetadata().getUid())
                .isEqualTo(third.getMetadata().getUid());
        await().untilAsserted(() -> assertThat(client.batch().v1().jobs().withName("ahead-train-tiny-llama").get())
                .isNull());

        // when: the second meets every trade-off
        cluster.evaluate(cluster.candidateToEvaluation("ahead", "small-qwen2"), Summaries.json(Summaries.example()));

        // then: it is chosen; the dearer one, still training, is stopped and not evaluated
        await().untilAsserted(() -> assertThat(cluster.status("ahead").stage).isEqualTo("Succeeded"));
        var status = cluster.status("ahead");
        assertThat(status.candidate).isEqualTo("small-qwen2");
        assertThat(status.candidates).extracting(candidate -> candidate.state).containsExactly(State.NotMet,
                State.Met, State.Skipped);
        assertThat(status.candidates.get(2).message)
                .isEqualTo("Not evaluated: small-qwen2, a cheaper candidate, meets the trade-offs.");
        await().untilAsserted(() -> assertThat(client.batch().v1().jobs().withName("ahead-train-qwen2.5-0.5b").get())
                .isNull());
        assertThat(client.apps().deployments().withName("ahead-student").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getArgs())
                .anySatisfy(arg -> assertThat(arg).contains("/workspace/candidates/small-qwen2"));
    }

    @Test
    void aTrainingAheadThatFailsSettlesItsCandidateAndASuspendedJobTrainsNoneAhead() throws Exception {
        // given: three candidates, two trained at once, both training
        client.resource(cluster.choosing("ahead-fails", 2, "tiny-llama", "small-qwen2", "qwen2.5-0.5b")).create();
        cluster.finish(cluster.awaitJob("ahead-fails-dataset"), "Complete", "Done");
        Job second = cluster.awaitJob("ahead-fails-train-small-qwen2", "small-qwen2");

        // when: the training ahead fails
        cluster.finish(second, "Failed", "BackoffLimitExceeded");

        // then: its candidate failed, and the third takes its place
        await().untilAsserted(() -> assertThat(cluster.status("ahead-fails").candidates)
                .extracting(candidate -> candidate.name, candidate -> candidate.state, candidate -> candidate.message)
                .containsExactly(tuple("tiny-llama", State.Running, null),
                        tuple("small-qwen2", State.Failed,
                                "Training failed: Job ahead-fails-train-small-qwen2: BackoffLimitExceeded"),
                        tuple("qwen2.5-0.5b", State.Running,
                                "Job ahead-fails-train-qwen2.5-0.5b trains it ahead of its turn.")));
        await().untilAsserted(() -> assertThat(client.batch().v1().jobs()
                .withName("ahead-fails-train-small-qwen2").get()).isNull());

        // when: the job is suspended
        cluster.editSpec("ahead-fails", spec -> spec.suspend = true);

        // then: the training ahead is stopped, and none trains ahead (the changed spec starts the candidates again)
        await().untilAsserted(() -> {
            assertThat(client.batch().v1().jobs().withName("ahead-fails-train-qwen2.5-0.5b").get()).isNull();
            assertThat(cluster.status("ahead-fails").stage).isEqualTo("Suspended");
            assertThat(cluster.status("ahead-fails").candidates).extracting(candidate -> candidate.state)
                    .containsExactly(State.Running, State.Pending, State.Pending);
        });
    }
}
