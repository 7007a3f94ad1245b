package io.switchboard.metering;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.switchboard.events.Attempt;
import io.switchboard.events.ClientInfo;
import io.switchboard.events.Tokens;
import io.switchboard.events.UsageEvent;

/** Usage events for metering tests. */
public final class UsageEvents {

    private UsageEvents() {
    }

    public static UsageEvent event(String user, String team, String time, long input, long output, long costMicros) {
        return new UsageEvent(UUID.randomUUID(), Instant.parse(time), UsageEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(), user, team, "key-" + user, "", ClientInfo.OTHER, "",
                UsageEvent.Api.OPENAI_CHAT, "gpt-4o", "gpt-4o", "openai",
                List.of(new Attempt("openai", "gpt-4o", Attempt.Outcome.OK, 200, 100)), false,
                UsageEvent.Outcome.OK, 200, new Tokens(input, 0, 0, output, 0), costMicros, "test", 100, 100, false,
                "");
    }
}
