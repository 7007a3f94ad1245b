package io.switchboard.metering.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.metering.aggregate.SessionTotals;
import io.switchboard.metering.aggregate.SpendTotals;
import io.switchboard.metering.query.SessionQuery;
import io.switchboard.metering.query.SpendQuery;

/**
 * What instances send each other: a query with the partitions to answer it for, and the unsorted, untruncated
 * partial answer of those partitions (ranking and top-N happen once, on the summed whole).
 */
public final class Partials {

    static final String SPEND_PATH = "/internal/v1/spend";
    static final String SESSIONS_PATH = "/internal/v1/sessions";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Partials() {
    }

    @RegisterForReflection
    public record SpendRequest(SpendQuery query, Set<Integer> partitions) {
    }

    @RegisterForReflection
    public record SpendPartial(List<Row> rows) {
    }

    @RegisterForReflection
    public record Row(String period, List<String> values, SpendTotals totals) {
    }

    @RegisterForReflection
    public record SessionsRequest(SessionQuery query, Set<Integer> partitions) {
    }

    @RegisterForReflection
    public record SessionsPartial(List<SessionTotals> sessions) {
    }

    public static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
