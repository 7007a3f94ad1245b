package io.switchboard.metering.query;

import java.util.Comparator;
import java.util.List;

/** One row's identity: its period (empty without granularity) and its values of the grouped-by dimensions. */
public record Group(String period, List<String> values) {

    static final Comparator<List<String>> VALUES = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };
}
