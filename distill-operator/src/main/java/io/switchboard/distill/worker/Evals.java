package io.switchboard.distill.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.distill.api.Eval;

/** The spec's evals, as the Job hands them over (the list as JSON), each with its rule. */
final class Evals {

    /** Keeps the summary, one score per eval, well inside the termination message's 4096 bytes. */
    static final int MAX = 32;

    /** An eval of the spec with its rule. */
    record Scored(Eval.Kind kind, int weight, Scorer scorer) {
    }

    private Evals() {
    }

    static List<Scored> parse(String json, ChatClient router) {
        Eval[] evals;
        try {
            evals = Json.MAPPER.readValue(json, Eval[].class);
        } catch (JsonProcessingException e) {
            throw new BadInput(WorkerSettings.EVALUATION_EVALS + " must be the spec's evals as a JSON list: "
                    + e.getOriginalMessage());
        }
        if (evals.length == 0 || evals.length > MAX) {
            throw new BadInput(
                    WorkerSettings.EVALUATION_EVALS + " must hold 1 to " + MAX + " evals, not " + evals.length);
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < evals.length; i++) {
            Eval eval = evals[i];
            String at = WorkerSettings.EVALUATION_EVALS + "[" + i + "]";
            if (eval.kind == null) {
                throw new BadInput(at + ".kind is missing");
            }
            int weight = eval.weight == null ? 1 : eval.weight;
            if (weight < 1 || weight > 100) {
                throw new BadInput(at + ".weight must be 1 to 100, not " + weight);
            }
            scored.add(new Scored(eval.kind, weight, scorer(eval, at, router)));
        }
        return scored;
    }

    private static Scorer scorer(Eval eval, String at, ChatClient router) {
        return switch (eval.kind) {
            case ExactMatch -> Scorers.exactMatch();
            case JsonFields -> {
                if (eval.fields == null || eval.fields.isEmpty()) {
                    throw new BadInput(at + ".fields is required for kind JsonFields");
                }
                yield Scorers.jsonFields(List.copyOf(eval.fields));
            }
            case Regex -> Scorers.regex(pattern(eval.pattern, at));
            case ToolCall -> Scorers.toolCall();
            case Judge -> {
                if (eval.judgeModel == null || eval.judgeModel.isBlank()) {
                    throw new BadInput(at + ".judgeModel is required for kind Judge");
                }
                yield new Judge(router, eval.judgeModel);
            }
        };
    }

    private static Pattern pattern(String pattern, String at) {
        if (pattern == null) {
            throw new BadInput(at + ".pattern is required for kind Regex");
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new BadInput(at + ".pattern is not a valid regular expression: " + e.getDescription());
        }
    }
}
