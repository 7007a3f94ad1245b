package io.switchboard.distill.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.distill.report.EvaluationSummary.DatasetCounts;
import io.switchboard.distill.worker.FakeOpenAiServer.Answer;

/** The dataset stage against a fake router over HTTP: what it keeps, drops, asks the teacher, and how it splits. */
class DatasetWorkerTest {

    static final String KEY = "sk-test-distill-key";

    @TempDir
    Path folder;

    private FakeOpenAiServer router;

    @AfterEach
    void stopTheRouter() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void invalidAndDuplicateLinesAreSkippedAndTheTeacherIsAskedOnlyForMissingAnswers() throws IOException {
        // given: six tickets without an answer, one with an expected answer only, four answered in the file (one in
        // the chat-like form), two duplicates (one brings the answer its first lacks), three invalid lines
        router = FakeOpenAiServer.start(request -> Answer.completion(Tickets.label(request.lastUserMessage()), 30, 1));
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(Tickets.example("t-" + i, Tickets.ticket(i), null, null));
        }
        lines.add(Tickets.example("t-6", Tickets.ticket(6), null, "bug"));
        for (int i = 7; i < 10; i++) {
            lines.add(Tickets.example("t-" + i, Tickets.ticket(i), "from the file", null));
        }
        ObjectNode chatLike = Tickets.example("t-10", Tickets.ticket(10), null, null);
        chatLike.withArray("messages").addObject().put("role", "assistant").put("content", "from the chat");
        lines.add(chatLike);
        lines.add(Tickets.example("t-0-again", "  " + Tickets.ticket(0).toUpperCase() + " ", "from a duplicate", null));
        lines.add(Tickets.example("t-7-again", Tickets.ticket(7), "from the file", null));
        lines.add("{\"messages\": [{\"role\": \"user\", \"content\": \"oops\"");
        lines.add("");
        lines.add("{\"messages\": [{\"role\": \"system\", \"content\": \"no question\"}], \"answer\": \"x\"}");
        lines.add("{\"messages\": [{\"role\": \"robot\", \"content\": \"beep\"}]}");
        Path input = folder.resolve("tickets.jsonl");
        Tickets.write(input, lines);

        // when
        WorkerRun run = WorkerRun.of(env(input, 7), folder);

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        var counts = Tickets.JSON.readValue(run.terminationMessage(), DatasetCounts.class);
        assertThat(counts).isEqualTo(new DatasetCounts(16, 3, 2, 6, 0, 9, 2));
        assertThat(Tickets.JSON.readValue(folder.resolve("out/dataset.json").toFile(), DatasetCounts.class))
                .isEqualTo(counts);
        assertThat(router.chats()).extracting(FakeOpenAiServer.Received::lastUserMessage)
                .containsExactlyInAnyOrder(Tickets.ticket(1), Tickets.ticket(2), Tickets.ticket(3), Tickets.ticket(4),
                        Tickets.ticket(5), Tickets.ticket(6));
        assertThat(router.chats()).allSatisfy(request -> {
            assertThat(request.headers()).containsEntry("authorization", "Bearer " + KEY)
                    .containsEntry("x-switchboard-workload", "distill/tickets");
            assertThat(request.body().path("model").asText()).isEqualTo("ticket-teacher");
            assertThat(request.body().path("stream").asBoolean(true)).isFalse();
        });
        Map<String, JsonNode> written = byId(folder.resolve("out"));
        assertThat(written).hasSize(11);
        assertThat(written.get("t-0").path("answer").asText()).isEqualTo("from a duplicate");
        assertThat(written.get("t-3").path("answer").asText()).isEqualTo(Tickets.label(Tickets.ticket(3)));
        assertThat(written.get("t-6").path("expected").asText()).isEqualTo("bug");
        assertThat(written.get("t-9").path("answer").asText()).isEqualTo("from the file");
        assertThat(written.get("t-10").path("answer").asText()).isEqualTo("from the chat");
        assertThat(written.get("t-10").path("messages")).hasSize(2);
        assertThat(run.err()).contains("line 14: not valid JSON", "line 16: messages: no user message",
                "line 17: messages[0].role").doesNotContain("oops", "beep", "no question");
    }

    @Test
    void theSameDataAndSeedGiveTheSameSplitInAnyOrderAndAnotherSeedAnother() throws IOException {
        // given: fifty answered tickets, in two orders; no router at all, since no answer is missing
        List<ObjectNode> tickets = IntStream.range(0, 50)
                .mapToObj(i -> Tickets.example("t-" + i, Tickets.ticket(i), Tickets.label(Tickets.ticket(i)), null))
                .toList();
        Path inOrder = folder.resolve("in-order.jsonl");
        Tickets.write(inOrder, tickets);
        List<ObjectNode> reversed = new ArrayList<>(tickets);
        Collections.reverse(reversed);
        Path inReverse = folder.resolve("reversed.jsonl");
        Tickets.write(inReverse, reversed);

        // when
        List<String> first = heldOut(inOrder, 7);
        List<String> again = heldOut(inReverse, 7);
        List<String> otherSeed = heldOut(inOrder, 8);

        // then
        assertThat(first).hasSize(10).isEqualTo(again);
        assertThat(otherSeed).hasSize(10).isNotEqualTo(first);
        assertThat(ids(folder.resolve("out/train.jsonl"))).hasSize(40).doesNotContainAnyElementsOf(otherSeed);
    }

    @Test
    void theTeacherIsAskedAgainAfter429And5xxAndWhatItCannotAnswerIsDropped() throws IOException {
        // given: one ticket rate limited then failing before its answer, one failing once with no Retry-After, one
        // failing every time
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<String, List<Answer>> script = Map.of(
                Tickets.ticket(0), List.of(Answer.error(429, true), Answer.error(503, true)),
                Tickets.ticket(1), List.of(Answer.error(503, false)),
                Tickets.ticket(2), List.of(Answer.error(500, true), Answer.error(500, true), Answer.error(500, true),
                        Answer.error(500, true)));
        router = FakeOpenAiServer.start(request -> {
            String ticket = request.lastUserMessage();
            int attempt = attempts.computeIfAbsent(ticket, t -> new AtomicInteger()).getAndIncrement();
            List<Answer> failures = script.getOrDefault(ticket, List.of());
            return attempt < failures.size()
                    ? failures.get(attempt)
                    : Answer.completion(Tickets.label(ticket), 30, 1);
        });
        Path input = folder.resolve("tickets.jsonl");
        Tickets.write(input, IntStream.range(0, 10).mapToObj(i -> Tickets.example("t-" + i, Tickets.ticket(i), null,
                null)).toList());

        // when
        WorkerRun run = WorkerRun.of(env(input, 0), folder);

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Tickets.JSON.readValue(run.terminationMessage(), DatasetCounts.class))
                .isEqualTo(new DatasetCounts(10, 0, 0, 10, 1, 7, 2));
        assertThat(attempts.get(Tickets.ticket(0))).hasValue(3);
        assertThat(attempts.get(Tickets.ticket(1))).hasValue(2);
        assertThat(attempts.get(Tickets.ticket(2))).hasValue(4);
        assertThat(byId(folder.resolve("out"))).doesNotContainKey("t-2").containsKeys("t-0", "t-1");
        assertThat(run.err()).contains("t-2 (HTTP 500)");
    }

    @Test
    void badInputExitsWith2AndSaysWhatIsWrong() throws IOException {
        Path allInvalid = folder.resolve("invalid.jsonl");
        Tickets.write(allInvalid, List.of("[1, 2]", "{\"messages\": \"hello\"}"));
        router = FakeOpenAiServer.start(request -> Answer.error(401, false));
        Path unanswered = folder.resolve("unanswered.jsonl");
        Tickets.write(unanswered, List.of(Tickets.example(null, Tickets.ticket(1), null, null)));

        assertBadInput(env(allInvalid, 0), "invalid.jsonl: no valid example in 2 lines; the first: line 1: not a JSON");
        assertBadInput(env(folder.resolve("absent.jsonl"), 0), "absent.jsonl: no such file");
        assertBadInput(with(env(allInvalid, 0), WorkerSettings.DATASET_EVAL_FRACTION, "1.5"),
                WorkerSettings.DATASET_EVAL_FRACTION + " must be above 0 and below 1");
        assertBadInput(with(env(allInvalid, 0), WorkerSettings.MODE, "train"),
                "must be dataset or evaluate, not train");
        assertBadInput(env(unanswered, 0), "the router at " + router.url() + " answered 401");
    }

    @Test
    void aTeacherThatAnswersNothingFailsTheRunForARetry() throws IOException {
        // given
        router = FakeOpenAiServer.start(request -> Answer.error(503, true));
        Path input = folder.resolve("tickets.jsonl");
        Tickets.write(input, IntStream.range(0, 4).mapToObj(i -> Tickets.example(null, Tickets.ticket(i), null,
                null)).toList());

        // when
        WorkerRun run = WorkerRun.of(env(input, 0), folder);

        // then
        assertThat(run.exitCode()).isEqualTo(Worker.FAILED);
        assertThat(run.err()).contains("answered none of the 4 examples asked").doesNotContain("ticket number");
        assertThat(folder.resolve("out/train.jsonl")).doesNotExist();
    }

    private void assertBadInput(Map<String, String> env, String message) throws IOException {
        WorkerRun run = WorkerRun.of(env, folder);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Worker.BAD_INPUT);
        assertThat(run.err()).contains(message).doesNotContain(KEY);
    }

    private List<String> heldOut(Path input, long seed) throws IOException {
        WorkerRun run = WorkerRun.of(env(input, seed), folder);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return ids(folder.resolve("out/eval.jsonl"));
    }

    private static List<String> ids(Path file) throws IOException {
        return Tickets.read(file).stream().map(line -> line.path("id").asText()).toList();
    }

    private static Map<String, JsonNode> byId(Path output) throws IOException {
        Map<String, JsonNode> byId = new HashMap<>();
        for (String file : List.of("train.jsonl", "eval.jsonl")) {
            Tickets.read(output.resolve(file)).forEach(line -> byId.put(line.path("id").asText(), line));
        }
        return byId;
    }

    private Map<String, String> env(Path input, long seed) {
        Map<String, String> env = new HashMap<>(
                Map.of(WorkerSettings.MODE, "dataset", WorkerSettings.DATASET_INPUT, input.toString(),
                        WorkerSettings.DATASET_OUTPUT, folder.resolve("out").toString(),
                        WorkerSettings.DATASET_EVAL_FRACTION, "0.2",
                        WorkerSettings.DATASET_SEED, Long.toString(seed), WorkerSettings.TEACHER, "ticket-teacher",
                        WorkerSettings.WORKLOAD,
                        "distill/tickets", WorkerSettings.ROUTER_KEY, KEY));
        if (router != null) {
            env.put(WorkerSettings.ROUTER_URL, router.url());
        }
        return env;
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> changed = new HashMap<>(env);
        changed.put(name, value);
        return changed;
    }
}
