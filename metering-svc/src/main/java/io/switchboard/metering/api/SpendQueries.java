package io.switchboard.metering.api;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.switchboard.metering.aggregate.SpendTotals;

/** Reads the aggregates of this instance's state stores. */
@ApplicationScoped
public class SpendQueries {

    private final KafkaStreams streams;

    SpendQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Totals per subject over the days {@code from..to}, both included. */
    public Map<String, SpendTotals> bySubject(String store, LocalDate from, LocalDate to) {
        var result = new TreeMap<String, SpendTotals>();
        scan(store, from, to, (day, subject, totals) -> result.merge(subject, totals, SpendTotals::plus));
        return result;
    }

    /** One subject's totals per day over {@code from..to}. */
    public Map<LocalDate, SpendTotals> byDay(String store, String subject, LocalDate from, LocalDate to) {
        var result = new TreeMap<LocalDate, SpendTotals>();
        scan(store, from, to, (day, s, totals) -> {
            if (s.equals(subject)) {
                result.put(day, totals);
            }
        });
        return result;
    }

    private void scan(String name, LocalDate from, LocalDate to, DayVisitor visitor) {
        ReadOnlyKeyValueStore<String, SpendTotals> store = streams.store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
        // Keys are "<day>|<subject>": every key of the range sorts between "<from>|" and "<to + 1 day>|".
        try (var entries = store.range(from + "|", to.plusDays(1) + "|")) {
            entries.forEachRemaining(entry -> {
                int bar = entry.key.indexOf('|');
                visitor.visit(LocalDate.parse(entry.key.substring(0, bar)), entry.key.substring(bar + 1),
                        entry.value);
            });
        }
    }

    @FunctionalInterface
    private interface DayVisitor {

        void visit(LocalDate day, String subject, SpendTotals totals);
    }
}
