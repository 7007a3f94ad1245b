package io.switchboard.metering.query;

import java.util.Map;
import java.util.Set;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.metering.aggregate.Dimension;
import io.switchboard.metering.aggregate.SessionTotals;

/**
 * A checked sessions query: sessions active in the range (first seen before its end, last seen after its start) that
 * match the filters (user, team, client) and, when given, the session id; the {@code top} largest by {@code sort}.
 */
@RegisterForReflection
public record SessionQuery(Map<Dimension, Set<String>> filters, String sessionId, TimeRange range, SessionSort sort,
        int top) {

    public SessionQuery {
        filters = Map.copyOf(filters);
    }

    public Set<String> users() {
        return filters.getOrDefault(Dimension.USER, Set.of());
    }

    public boolean matches(SessionTotals session) {
        return (sessionId == null || sessionId.equals(session.sessionId()))
                && session.firstSeen().isBefore(range.until()) && !session.lastSeen().isBefore(range.from())
                && allow(Dimension.USER, session.user()) && allow(Dimension.TEAM, session.team())
                && allow(Dimension.CLIENT, session.client());
    }

    private boolean allow(Dimension dimension, String value) {
        var allowed = filters.get(dimension);
        return allowed == null || allowed.contains(value);
    }

    public SessionQuery withFilter(Dimension dimension, Set<String> values) {
        var copy = new java.util.HashMap<>(filters);
        copy.put(dimension, values);
        return new SessionQuery(copy, sessionId, range, sort, top);
    }

    public enum SessionSort {

        COST, REQUESTS, TOKENS, LAST_SEEN;

        public long metric(SessionTotals s) {
            return switch (this) {
                case COST -> s.totals().costMicros();
                case REQUESTS -> s.totals().requests();
                case TOKENS -> s.totals().tokens();
                case LAST_SEEN -> s.lastSeen().toEpochMilli();
            };
        }
    }
}
