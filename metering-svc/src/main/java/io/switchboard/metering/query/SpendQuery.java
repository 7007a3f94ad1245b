package io.switchboard.metering.query;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.metering.aggregate.Dimension;
import io.switchboard.metering.aggregate.Grain;
import io.switchboard.metering.aggregate.Rollup;

/**
 * A checked spend query: group by some dimensions, keep the buckets whose values are among the filters', over a time
 * range, split by granularity; rank by {@code sort} and keep the {@code top} groups (0: all).
 */
@RegisterForReflection
public record SpendQuery(List<Dimension> groupBy, Map<Dimension, Set<String>> filters, TimeRange range,
        Granularity granularity, Sort sort, int top) {

    public SpendQuery {
        groupBy = List.copyOf(groupBy);
        filters = Map.copyOf(filters);
    }

    /** The rollup that answers it: the smallest holding every dimension grouped or filtered by. */
    public Rollup rollup() {
        var needed = new HashSet<>(groupBy);
        needed.addAll(filters.keySet());
        return Rollup.covering(needed);
    }

    /** Day buckets when the range is whole days and rows are not per hour; else hour buckets. */
    public Grain grain() {
        return range.wholeDays() && granularity != Granularity.HOUR ? Grain.DAY : Grain.HOUR;
    }

    /** The users it is limited to, when it filters by user: their partitions alone hold the answer. */
    public Set<String> users() {
        return filters.getOrDefault(Dimension.USER, Set.of());
    }

    public SpendQuery withFilter(Dimension dimension, Set<String> values) {
        var copy = new java.util.HashMap<>(filters);
        copy.put(dimension, values);
        return new SpendQuery(groupBy, copy, range, granularity, sort, top);
    }
}
