package io.switchboard.metering.query;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.metering.aggregate.Dimension;
import io.switchboard.metering.aggregate.SpendTotals;

/**
 * A spend answer: rows ordered by period, then largest first by {@code sort}; with {@code top}, only the rows of the
 * {@code top} groups largest over the whole range. {@code total} covers everything the filters matched, the groups
 * left out by {@code top} included.
 */
@RegisterForReflection
public record SpendReport(List<String> groupBy, String from, String to, String granularity,
        Map<String, List<String>> filters, String sort, Integer top, List<SpendRow> rows, SpendRow total) {

    public static SpendReport of(SpendQuery query, Map<Group, SpendTotals> merged) {
        var total = merged.values().stream().reduce(SpendTotals.ZERO, SpendTotals::plus);
        var byGroup = new HashMap<List<String>, SpendTotals>();
        merged.forEach((group, totals) -> byGroup.merge(group.values(), totals, SpendTotals::plus));
        Comparator<List<String>> ranking = Comparator.<List<String>>comparingLong(
                values -> query.sort().metric(byGroup.get(values))).reversed().thenComparing(Group.VALUES);
        var kept = byGroup.keySet().stream().sorted(ranking)
                .limit(query.top() > 0 ? query.top() : Long.MAX_VALUE).collect(Collectors.toSet());
        Comparator<Map.Entry<Group, SpendTotals>> order = Comparator.<Map.Entry<Group, SpendTotals>, String>comparing(
                e -> e.getKey().period())
                .thenComparing(Comparator.<Map.Entry<Group, SpendTotals>>comparingLong(
                        e -> query.sort().metric(e.getValue())).reversed())
                .thenComparing(e -> e.getKey().values(), Group.VALUES);
        var rows = merged.entrySet().stream().filter(e -> kept.contains(e.getKey().values())).sorted(order)
                .map(e -> SpendRow.of(e.getKey().period(), named(query, e.getKey()), e.getValue())).toList();
        var filters = new TreeMap<String, List<String>>();
        query.filters().forEach((d, values) -> filters.put(d.param(), values.stream().sorted().toList()));
        return new SpendReport(query.groupBy().stream().map(Dimension::param).toList(), query.range().fromText(),
                query.range().toText(), query.granularity().name().toLowerCase(java.util.Locale.ROOT), filters,
                query.sort().name().toLowerCase(java.util.Locale.ROOT), query.top() > 0 ? query.top() : null, rows,
                SpendRow.of(null, Map.of(), total));
    }

    private static Map<String, String> named(SpendQuery query, Group group) {
        var named = new LinkedHashMap<String, String>();
        for (int i = 0; i < query.groupBy().size(); i++) {
            named.put(query.groupBy().get(i).param(), group.values().get(i));
        }
        return named;
    }
}
