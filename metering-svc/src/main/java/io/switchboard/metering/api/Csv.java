package io.switchboard.metering.api;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.metering.query.SpendReport;
import io.switchboard.metering.query.SpendRow;

/** A spend report as CSV (RFC 4180): one line per row, no total line; a header names the columns. */
final class Csv {

    private static final List<String> TOTALS = List.of("requests", "errors", "inputTokens", "cachedInputTokens",
            "cacheWriteTokens", "outputTokens", "reasoningTokens", "costMicros", "cost", "latencyMillisSum",
            "avgLatencyMillis", "teacherCostMicros", "shadowRequests", "shadowCostMicros");

    private Csv() {
    }

    static String of(SpendReport report) {
        boolean periods = !report.granularity().equals("none");
        var header = new ArrayList<String>();
        if (periods) {
            header.add("period");
        }
        header.addAll(report.groupBy());
        header.addAll(TOTALS);
        var csv = new StringBuilder();
        line(csv, header);
        for (var row : report.rows()) {
            var cells = new ArrayList<String>();
            if (periods) {
                cells.add(row.period());
            }
            report.groupBy().forEach(dimension -> cells.add(row.group().get(dimension)));
            cells.addAll(totals(row));
            line(csv, cells);
        }
        return csv.toString();
    }

    private static List<String> totals(SpendRow r) {
        return List.of(String.valueOf(r.requests()), String.valueOf(r.errors()), String.valueOf(r.inputTokens()),
                String.valueOf(r.cachedInputTokens()), String.valueOf(r.cacheWriteTokens()),
                String.valueOf(r.outputTokens()), String.valueOf(r.reasoningTokens()), String.valueOf(r.costMicros()),
                r.cost(), String.valueOf(r.latencyMillisSum()), String.valueOf(r.avgLatencyMillis()),
                String.valueOf(r.teacherCostMicros()), String.valueOf(r.shadowRequests()),
                String.valueOf(r.shadowCostMicros()));
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        // A leading = + - @ would be run as a formula by spreadsheets: quote-prefix it.
        var safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+")
                ? "'" + value
                : value;
        return safe.matches(".*[\",\r\n].*") || safe.startsWith("'")
                ? '"' + safe.replace("\"", "\"\"") + '"'
                : safe;
    }
}
