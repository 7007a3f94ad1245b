package io.switchboard.metering.load;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.UsageEvent;

/**
 * The spend metering must report, summed here from the events themselves with plain maps and nothing of metering's
 * code: each event id once, per UTC day, per value of each grouping the API offers (every dimension alone, every pair,
 * and none).
 */
final class ExpectedSpend {

    /** A row's totals, by their names in the API's answers. */
    private static final List<String> FIELDS = List.of("requests", "errors", "inputTokens", "cachedInputTokens",
            "cacheWriteTokens", "outputTokens", "reasoningTokens", "costMicros", "latencyMillisSum");
    private static final List<String> DIMENSIONS = List.of("user", "team", "model", "provider", "client",
            "workload");

    private final Set<UUID> seen = new HashSet<>();
    private final Map<Cell, long[]> cells = new HashMap<>();
    private final long[] total = new long[FIELDS.size()];

    private static final List<List<String>> GROUPINGS = groupings();

    /** The groupings to check: none (a row per day), each dimension, each pair of dimensions. */
    static List<List<String>> groupings() {
        var groupings = new ArrayList<List<String>>();
        groupings.add(List.of());
        for (int i = 0; i < DIMENSIONS.size(); i++) {
            groupings.add(List.of(DIMENSIONS.get(i)));
        }
        for (int i = 0; i < DIMENSIONS.size(); i++) {
            for (int j = i + 1; j < DIMENSIONS.size(); j++) {
                groupings.add(List.of(DIMENSIONS.get(i), DIMENSIONS.get(j)));
            }
        }
        return groupings;
    }

    /** Counts {@code event} unless an event with its id was counted before. */
    void add(UsageEvent event) {
        if (!seen.add(event.eventId())) {
            return;
        }
        var tokens = event.tokens();
        long[] totals = {1, event.outcome() == UsageEvent.Outcome.OK ? 0 : 1, tokens.input(), tokens.cachedInput(),
                tokens.cacheWrite(), tokens.output(), tokens.reasoning(), event.costMicros(), event.latencyMillis()};
        var day = LocalDate.ofInstant(event.time(), ZoneOffset.UTC).toString();
        var values = Map.of("user", event.userId(), "team", event.teamId(),
                // what was paid for: the model that served, else the one asked for
                "model", event.modelServed().isEmpty() ? event.modelRequested() : event.modelServed(),
                "provider", event.provider(), "client", event.client().name(), "workload", event.workload());
        for (var grouping : GROUPINGS) {
            var cell = new Cell(grouping, day, grouping.stream().map(values::get).toList());
            addTo(cells.computeIfAbsent(cell, c -> new long[FIELDS.size()]), totals);
        }
        addTo(total, totals);
    }

    private static void addTo(long[] sums, long[] totals) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] = Math.addExact(sums[i], totals[i]);
        }
    }

    /** How many distinct events were added. */
    long distinct() {
        return total[0];
    }

    /** How many rows the answers to all {@link #groupings} must hold together. */
    int rows() {
        return cells.size();
    }

    /**
     * Every difference between what is expected and {@code answer}, the answer to {@code groupBy=<grouping>} with
     * {@code granularity=day} over every day of the events: rows missing, rows not expected, totals that differ, and
     * the answer's grand total.
     */
    List<String> differences(List<String> grouping, JsonNode answer) {
        var differences = new ArrayList<String>();
        var actual = new HashMap<Cell, JsonNode>();
        for (var row : answer.path("rows")) {
            var values = grouping.stream().map(d -> row.path("group").path(d).asText()).toList();
            actual.put(new Cell(grouping, row.path("period").asText(), values), row);
        }
        cells.forEach((cell, expected) -> {
            if (cell.grouping().equals(grouping)) {
                var row = actual.remove(cell);
                if (row == null) {
                    differences.add(cell + ": missing, expected " + FIELDS.get(0) + "=" + expected[0]);
                } else {
                    compare(cell.toString(), expected, row, differences);
                }
            }
        });
        actual.keySet().forEach(cell -> differences.add(cell + ": not expected"));
        compare(Cell.groupBy(grouping) + " total", total, answer.path("total"), differences);
        return differences;
    }

    private static void compare(String where, long[] expected, JsonNode row, List<String> differences) {
        for (int i = 0; i < FIELDS.size(); i++) {
            long actual = row.path(FIELDS.get(i)).asLong(-1);
            if (actual != expected[i]) {
                differences.add(where + ": " + FIELDS.get(i) + " " + actual + ", expected " + expected[i]);
            }
        }
    }

    /** One expected row: a day and the values of a grouping's dimensions. */
    private record Cell(List<String> grouping, String day, List<String> values) {

        @Override
        public String toString() {
            var text = new StringBuilder(groupBy(grouping)).append(' ').append(day);
            for (int i = 0; i < grouping.size(); i++) {
                text.append(' ').append(grouping.get(i)).append('=').append(values.get(i));
            }
            return text.toString();
        }

        static String groupBy(List<String> grouping) {
            return "groupBy=" + (grouping.isEmpty() ? "(none)" : String.join(",", grouping));
        }
    }
}
