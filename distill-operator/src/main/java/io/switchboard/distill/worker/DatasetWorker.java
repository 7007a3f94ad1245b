package io.switchboard.distill.worker;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.distill.report.EvaluationSummary.DatasetCounts;
import io.switchboard.runtime.Durations;

/**
 * The dataset stage: reads the examples, skips the invalid ones, dedupes them by their normalized prompt, asks the
 * teacher through the router for the answers they lack, splits them, and writes {@code train.jsonl},
 * {@code eval.jsonl} and {@code dataset.json} (the counts, also the termination message) to the output folder.
 */
final class DatasetWorker {

    private static final int REASONS_SHOWN = 10;

    private final Env env;
    private final PrintStream out;
    private final PrintStream err;

    DatasetWorker(Env env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    void run() throws IOException, InterruptedException {
        Path output = env.path(WorkerSettings.DATASET_OUTPUT);
        BigDecimal evalFraction = env.decimal(WorkerSettings.DATASET_EVAL_FRACTION);
        if (evalFraction.signum() <= 0 || evalFraction.compareTo(BigDecimal.ONE) >= 0) {
            throw new BadInput(WorkerSettings.DATASET_EVAL_FRACTION + " must be above 0 and below 1, e.g. 0.2, not "
                    + evalFraction);
        }
        long seed = env.wholeNumber(WorkerSettings.DATASET_SEED, 0, 0);

        var traffic = env.optional(WorkerSettings.DATASET_TRAFFIC_WORKLOAD);
        Loaded loaded = traffic.isPresent()
                ? fromTraffic(traffic.get())
                : fromFile(env.path(
                        WorkerSettings.DATASET_INPUT));
        List<Example> unique = dedupe(loaded.examples());
        List<Example> unanswered = unique.stream().filter(example -> example.answer() == null).toList();
        List<Example> answered = answerMissing(unique, unanswered);
        Split split = Split.of(answered, seed, evalFraction);

        var counts = new DatasetCounts(loaded.read(), loaded.invalid(), loaded.examples().size() - unique.size(),
                unanswered.size(), unique.size() - answered.size(), split.train().size(), split.eval().size(),
                traffic.orElse(""), loaded.leftOut());
        Files.createDirectories(output);
        Json.writeLines(output.resolve("train.jsonl"), split.train());
        Json.writeLines(output.resolve("eval.jsonl"), split.eval());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(output.resolve("dataset.json").toFile(), counts);
        String message = Json.MAPPER.writeValueAsString(counts);
        env.terminationMessage().write(message);
        out.println("dataset done: " + message);
    }

    /** Examples and what the reading of them counted. */
    private record Loaded(List<Example> examples, int read, int invalid, Map<String, Integer> leftOut) {
    }

    private Loaded fromFile(Path input) throws IOException {
        ExampleFile.Lines lines = ExampleFile.read(input);
        lines.invalid().stream().limit(REASONS_SHOWN)
                .forEach(reason -> err.println(input + " " + reason + ": skipped"));
        if (lines.invalid().size() > REASONS_SHOWN) {
            err.println(input + ": " + (lines.invalid().size() - REASONS_SHOWN) + " more invalid lines skipped");
        }
        if (lines.examples().isEmpty()) {
            throw new BadInput(input + ": no valid example in " + lines.read() + " lines"
                    + (lines.invalid().isEmpty() ? "" : "; the first: " + lines.invalid().get(0)));
        }
        return new Loaded(lines.examples(), lines.read(), lines.invalid().size(), Map.of());
    }

    /** The teacher's own answers to the workload's captured requests, in the window, newest first. */
    private Loaded fromTraffic(String workload) {
        var window = env.optional(WorkerSettings.DATASET_TRAFFIC_WINDOW).map(DatasetWorker::window);
        int max = (int) env.wholeNumber(WorkerSettings.DATASET_TRAFFIC_MAX_EXAMPLES, 1, 10_000);
        var now = Instant.now();
        String teacher = env.required(WorkerSettings.TEACHER);
        var selection = TrafficExamples.read(env.variables(), workload, teacher, window.map(now::minus).orElse(null),
                max, now);
        out.println("captured traffic of workload " + workload + ": " + selection.read() + " traces read, "
                + selection.examples().size() + " kept, left out " + selection.dropped());
        if (selection.examples().isEmpty()) {
            throw new BadInput("no captured example of workload " + workload + " answered by " + teacher
                    + window.map(w -> " in the last " + w.toHours() + " h").orElse("") + ": " + selection.read()
                    + " traces read, left out " + selection.dropped() + ". Check that the routing file's capture "
                    + "section names the workload and that its clients send x-switchboard-workload");
        }
        int leftOut = selection.dropped().entrySet().stream()
                .filter(reason -> !reason.getKey().equals(TrafficExamples.OVER_LIMIT))
                .mapToInt(Map.Entry::getValue).sum();
        return new Loaded(selection.examples(), selection.read(), leftOut, selection.dropped());
    }

    /** {@code 12h} or {@code 7d}, as the CRD's pattern allows. */
    private static Duration window(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInput(WorkerSettings.DATASET_TRAFFIC_WINDOW + " must be such as 12h or 7d, not " + text);
        }
    }

    /** The first of each prompt, with the answers a duplicate has and it lacks. */
    private static List<Example> dedupe(List<Example> examples) {
        Map<String, Example> byPrompt = new LinkedHashMap<>();
        for (Example example : examples) {
            byPrompt.merge(example.normalizedPrompt(), example, (kept, duplicate) -> new Example(kept.id(),
                    kept.messages(), kept.answer() != null ? kept.answer() : duplicate.answer(),
                    kept.expected() != null ? kept.expected() : duplicate.expected(), kept.tools()));
        }
        return new ArrayList<>(byPrompt.values());
    }

    /** The examples with their answers, the teacher's where they had none; those it could not answer are dropped. */
    private List<Example> answerMissing(List<Example> examples, List<Example> unanswered)
            throws InterruptedException {
        if (unanswered.isEmpty()) {
            return examples;
        }
        String teacher = env.required(WorkerSettings.TEACHER);
        ChatClient router = new ChatClient(env.router());
        List<Reply> replies = Parallel.map(unanswered, env.concurrency(),
                example -> router.ask(teacher, example.messages(), example.tools()));
        Map<Example, Reply> byExample = new IdentityHashMap<>();
        for (int i = 0; i < unanswered.size(); i++) {
            byExample.put(unanswered.get(i), replies.get(i));
        }
        List<Example> answered = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Example example : examples) {
            Reply reply = byExample.get(example);
            if (reply == null) {
                answered.add(example);
            } else if (reply.ok() && !reply.answer().isBlank()) {
                answered.add(example.withAnswer(reply.answer()));
            } else {
                failures.add(example.id() + " (" + (reply.ok() ? "an empty answer" : reply.failure()) + ")");
            }
        }
        if (failures.size() == unanswered.size()) {
            // none answered: the router or the teacher is down, not the data at fault
            throw new IllegalStateException("the teacher " + teacher + " answered none of the " + unanswered.size()
                    + " examples asked; the first failure: " + failures.get(0));
        }
        if (!failures.isEmpty()) {
            err.println("the teacher gave no answer to " + failures.size() + " examples, dropped: "
                    + String.join(", ", failures.subList(0, Math.min(REASONS_SHOWN, failures.size())))
                    + (failures.size() > REASONS_SHOWN ? ", ..." : ""));
        }
        return answered;
    }
}
