package io.switchboard.metering.query;

import java.util.Collection;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.switchboard.metering.aggregate.SessionTotals;

/** Answers a sessions query from one store: a prefix scan per user when it names users, else a full scan. */
public final class SessionScan {

    private SessionScan() {
    }

    public static void scan(ReadOnlyKeyValueStore<String, SessionTotals> store, SessionQuery query,
            Collection<SessionTotals> into) {
        if (query.users().isEmpty()) {
            try (var all = store.all()) {
                all.forEachRemaining(e -> keep(query, e.value, into));
            }
            return;
        }
        for (var user : query.users()) {
            try (var sessions = store.prefixScan(SessionTotals.userPrefix(user), new StringSerializer())) {
                sessions.forEachRemaining(e -> keep(query, e.value, into));
            }
        }
    }

    private static void keep(SessionQuery query, SessionTotals session, Collection<SessionTotals> into) {
        if (query.matches(session)) {
            into.add(session);
        }
    }
}
