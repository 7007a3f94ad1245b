package io.switchboard.metering.query;

import java.util.ArrayList;
import java.util.Map;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.switchboard.metering.aggregate.SpendKey;
import io.switchboard.metering.aggregate.SpendTotals;

/** Answers a spend query from one store (one partition, or all of a test driver's): totals per group, exact. */
public final class SpendScan {

    private SpendScan() {
    }

    public static void scan(ReadOnlyKeyValueStore<String, SpendTotals> store, SpendQuery query,
            Map<Group, SpendTotals> into) {
        var grain = query.grain();
        var rollup = query.rollup();
        var start = SpendKey.rangeStart(grain, rollup, query.range().firstLabel(grain));
        var end = SpendKey.rangeEndBefore(grain, rollup, query.range().endLabel(grain));
        try (var buckets = store.range(start, end)) {
            buckets.forEachRemaining(bucket -> {
                var key = SpendKey.decode(bucket.key, grain, rollup);
                for (var filter : query.filters().entrySet()) {
                    if (!filter.getValue().contains(key.value(filter.getKey()))) {
                        return;
                    }
                }
                var values = new ArrayList<String>(query.groupBy().size());
                for (var dimension : query.groupBy()) {
                    values.add(key.value(dimension));
                }
                into.merge(new Group(query.granularity().period(key.period()), values), bucket.value,
                        SpendTotals::plus);
            });
        }
    }
}
