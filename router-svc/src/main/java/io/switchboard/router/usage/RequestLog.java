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
        // Appended rather than formatted: this runs on the event loop once per request.
        var line = new StringBuilder(400).append("request id=").append(event.requestId())
                .append(" user=").append(event.userId())
                .append(" team=").append(event.teamId())
                .append(" key=").append(event.keyId())
                .append(" session=").append(orDash(event.sessionId()))
                .append(" workload=").append(orDash(event.workload()))
                .append(" client=").append(event.client().name())
                .append(" api=").append(event.api())
                .append(" model=").append(event.modelRequested())
                .append(" served=").append(orDash(event.modelServed()))
                .append(" provider=").append(orDash(event.provider()))
                .append(" stream=").append(event.streaming())
                .append(" status=").append(event.httpStatus())
                .append(" outcome=").append(event.outcome().name().toLowerCase(Locale.ROOT))
                .append(" attempts=").append(event.attempts().size())
                .append(" latencyMs=").append(event.latencyMillis())
                .append(" ttftMs=").append(event.timeToFirstTokenMillis())
                .append(" inputTokens=").append(event.tokens().input())
                .append(" outputTokens=").append(event.tokens().output())
                .append(" costMicros=").append(event.costMicros());
        LOGGER.info(line);
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
