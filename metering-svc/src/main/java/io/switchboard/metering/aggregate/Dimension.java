package io.switchboard.metering.aggregate;

import java.util.Arrays;
import java.util.Optional;

import io.switchboard.events.UsageEvent;

/** What spend can be grouped and filtered by. Each value is read from the usage event as the aggregation sees it. */
public enum Dimension {

    USER("user"), TEAM("team"),
    /** The upstream model that served the request (what was paid for); the model asked for when none served it. */
    MODEL("model"), PROVIDER("provider"),
    /** The coding tool or SDK: claude-code, codex, cursor, copilot, openai-sdk, anthropic-sdk, other. */
    CLIENT("client"),
    /** The caller's free-form workload tag, empty when none. */
    WORKLOAD("workload");

    private final String param;

    Dimension(String param) {
        this.param = param;
    }

    /** Its name in the query API and in answers. */
    public String param() {
        return param;
    }

    public static Optional<Dimension> byParam(String name) {
        return Arrays.stream(values()).filter(d -> d.param.equals(name)).findFirst();
    }

    public String of(UsageEvent event) {
        return switch (this) {
            case USER -> event.userId();
            case TEAM -> event.teamId();
            case MODEL -> event.modelServed().isEmpty() ? event.modelRequested() : event.modelServed();
            case PROVIDER -> event.provider();
            case CLIENT -> event.client().name();
            case WORKLOAD -> event.workload();
        };
    }
}
