package io.switchboard.router.usage;

import java.util.Locale;

import org.jboss.logging.Logger;

import io.switchboard.events.UsageEvent;

/**
 * One INFO line per routed request, from its usage event: ids, who, which model and provider, status and timings, in
 * {@code key=value} form (inside the JSON line's message in a cluster). Never a prompt, a completion or a key: only
 * the key's id. Its category, {@value #CATEGORY}, can be set to WARN to turn it off.
 */
public final class RequestLog {

    public static final String CATEGORY = "io.switchboard.router.requests";
    private static final Logger LOGGER = Logger.getLogger(CATEGORY);

    private RequestLog() {
    }

    public static void log(UsageEvent event) {
        if (!LOGGER.isInfoEnabled()) {
            return;
        }
        LOGGER.infof("request id=%s user=%s team=%s key=%s session=%s workload=%s client=%s api=%s model=%s "
                + "served=%s provider=%s stream=%s status=%d outcome=%s attempts=%d latencyMs=%d ttftMs=%d "
                + "inputTokens=%d outputTokens=%d costMicros=%d",
                event.requestId(), event.userId(), event.teamId(), event.keyId(), orDash(event.sessionId()),
                orDash(event.workload()), event.client().name(), event.api(), event.modelRequested(),
                orDash(event.modelServed()), orDash(event.provider()), event.streaming(), event.httpStatus(),
                event.outcome().name().toLowerCase(Locale.ROOT), event.attempts().size(), event.latencyMillis(),
                event.timeToFirstTokenMillis(), event.tokens().input(), event.tokens().output(), event.costMicros());
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
