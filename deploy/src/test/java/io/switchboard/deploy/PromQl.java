package io.switchboard.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The metric names a PromQL expression selects: enough of PromQL for the expressions of our rules and dashboards. */
final class PromQl {

    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPINGS = Pattern
            .compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern STRINGS = Pattern.compile("\"[^\"]*\"");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "e", "Inf", "NaN");

    private PromQl() {
    }

    static Set<String> metricNames(String expr) {
        var stripped = STRINGS.matcher(expr).replaceAll("");
        stripped = LABEL_MATCHERS.matcher(stripped).replaceAll(" ");
        stripped = RANGES.matcher(stripped).replaceAll(" ");
        stripped = GROUPINGS.matcher(stripped).replaceAll(" ");
        var names = new TreeSet<String>();
        var matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            var name = matcher.group(1);
            var isFunction = matcher.group(2) != null;
            if (!isFunction && !KEYWORDS.contains(name) && !name.matches("[0-9].*")) {
                names.add(name);
            }
        }
        return names;
    }
}
