package io.switchboard.router.routing;

import java.util.List;

/** A routing file that cannot be used; every problem is named by the path of the field that holds it. */
public final class RoutingConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RoutingConfigException(String source, List<String> problems) {
        super("routing file " + source + " is not valid:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
