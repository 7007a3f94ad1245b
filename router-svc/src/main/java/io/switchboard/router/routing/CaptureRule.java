package io.switchboard.router.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How one workload's traffic is captured for distillation: the share of answered requests sampled, the largest
 * example kept (request and answer bytes together), how long a trace is kept, and the redactions every string of a
 * trace goes through, in order, before it leaves the router.
 */
public record CaptureRule(String workload, double sampleRate, int maxExampleBytes, Duration retention,
        List<Redaction> redactions) {

    public static final int DEFAULT_MAX_EXAMPLE_BYTES = 64 * 1024;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    /**
     * The built-in redactions by the name the routing file gives them: e-mail addresses; secrets shaped like the
     * keys of common providers and platforms, and bearer tokens; runs of four or more digits (card, account and phone
     * numbers, with spaces, dots or dashes between the digits).
     */
    public static final Map<String, Redaction> BUILT_IN = Map.of(
            "email", new Redaction(
                    Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), "[email]"),
            "key", new Redaction(Pattern.compile("\\b(?:sk-ant-|sk-|pk-|rk-|ghp_|gho_|ghs_|ghu_|github_pat_|xox[abpr]-"
                    + "|AIza)[A-Za-z0-9_-]{16,}|\\bAKIA[0-9A-Z]{16}\\b|\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\."
                    + "[A-Za-z0-9_-]{8,}|(?i:bearer)\\s+[A-Za-z0-9._~+/=-]{16,}"), "[key]"),
            "number", new Redaction(Pattern.compile("\\d(?:[ .-]?\\d){3,}"), "[number]"));

    public CaptureRule {
        redactions = List.copyOf(redactions);
    }

    /** The text with every redaction applied, in order. */
    public String redact(String text) {
        var result = text;
        for (var redaction : redactions) {
            result = redaction.pattern().matcher(result).replaceAll(redaction.replacement());
        }
        return result;
    }

    /** A pattern and what replaces each of its matches (taken literally). */
    public record Redaction(Pattern pattern, String replacement) {
    }
}
