package io.switchboard.metering.query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.switchboard.metering.aggregate.Dimension;
import io.switchboard.metering.query.SessionQuery.SessionSort;

/**
 * Turns query parameters into a checked {@link SpendQuery} or {@link SessionQuery}, or refuses them with a
 * {@link SpendQueryException} naming the parameter at fault. Unknown and repeated parameters are refused too, so a
 * typo never silently widens an answer.
 */
public final class QueryParser {

    private static final int MAX_TOP = 10_000;
    private static final int MAX_VALUE_LENGTH = 256;

    private final int maxDays;
    private final int maxHourlyDays;
    private final Instant now;

    /** @param now the current time, for the default range (the month so far) */
    public QueryParser(int maxDays, int maxHourlyDays, Instant now) {
        this.maxDays = maxDays;
        this.maxHourlyDays = maxHourlyDays;
        this.now = now;
    }

    public SpendQuery spend(Map<String, List<String>> params) {
        var p = new Params(params, Set.of("groupBy", "from", "to", "granularity", "sort", "top", "user", "team",
                "model", "provider", "client", "workload"));
        var groupBy = groupBy(p.get("groupBy"));
        var granularity = p.oneOf("granularity", Granularity.NONE, Granularity.HOUR, Granularity.DAY,
                Granularity.MONTH);
        var range = range(p.get("from"), p.get("to"));
        if ((granularity == Granularity.HOUR || !range.wholeDays())
                && Duration.between(range.from(), range.until()).toHours() > 24L * maxHourlyDays) {
            throw new SpendQueryException("from",
                    "A query by the hour (granularity=hour, or from/to with an hour) covers at most " + maxHourlyDays
                            + " days.");
        }
        return new SpendQuery(groupBy, filters(p, Dimension.values()), range, granularity,
                p.oneOf("sort", Sort.COST, Sort.REQUESTS, Sort.TOKENS), top(p.get("top")));
    }

    public SessionQuery sessions(Map<String, List<String>> params, String sessionId) {
        var allowed = new LinkedHashSet<>(List.of("from", "to", "sort", "top", "user", "team", "client"));
        if (sessionId == null) {
            allowed.add("session");
        }
        var p = new Params(params, allowed);
        var session = sessionId != null ? sessionId : p.get("session");
        return new SessionQuery(filters(p, Dimension.USER, Dimension.TEAM, Dimension.CLIENT),
                session == null ? null : value("session", session), range(p.get("from"), p.get("to")),
                p.oneOf("sort", SessionSort.COST, SessionSort.REQUESTS, SessionSort.TOKENS, SessionSort.LAST_SEEN),
                top(p.get("top")));
    }

    /** The range of {@code /v1/spend/users/{id}}: dates only, as it answers per day. */
    public TimeRange days(Map<String, List<String>> params) {
        var p = new Params(params, Set.of("from", "to"));
        var range = range(p.get("from"), p.get("to"));
        if (!range.wholeDays()) {
            throw new SpendQueryException("from", "from and to are dates here (YYYY-MM-DD).");
        }
        return range;
    }

    private static List<Dimension> groupBy(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        var result = new ArrayList<Dimension>();
        for (var name : text.split(",", -1)) {
            var dimension = Dimension.byParam(name.trim()).orElseThrow(() -> new SpendQueryException("groupBy",
                    "groupBy takes a comma-separated list of " + names(Dimension.values(), Dimension::param)
                            + "; '" + name.trim() + "' is none of them."));
            if (result.contains(dimension)) {
                throw new SpendQueryException("groupBy", "groupBy names '" + name.trim() + "' twice.");
            }
            result.add(dimension);
        }
        return result;
    }

    private static Map<Dimension, Set<String>> filters(Params p, Dimension... dimensions) {
        var filters = new EnumMap<Dimension, Set<String>>(Dimension.class);
        for (var dimension : dimensions) {
            var text = p.get(dimension.param());
            if (text != null) {
                var values = new LinkedHashSet<String>();
                for (var value : text.split(",", -1)) {
                    values.add(value(dimension.param(), value.trim()));
                }
                filters.put(dimension, values);
            }
        }
        return filters;
    }

    private static String value(String param, String value) {
        if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw new SpendQueryException(param,
                    param + " values must be 1 to " + MAX_VALUE_LENGTH + " characters long.");
        }
        return value;
    }

    private static int top(String text) {
        if (text == null) {
            return 0;
        }
        try {
            int top = Integer.parseInt(text.trim());
            if (top >= 1 && top <= MAX_TOP) {
                return top;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new SpendQueryException("top", "top must be a whole number from 1 to " + MAX_TOP + ", not '" + text
                + "'.");
    }

    private TimeRange range(String fromText, String toText) {
        var today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        var to = toText == null || toText.isBlank() ? new Bound(today.atStartOfDay(), true) : bound("to", toText);
        var from = fromText == null || fromText.isBlank()
                ? new Bound(to.start().toLocalDate().withDayOfMonth(1).atStartOfDay(), true)
                : bound("from", fromText);
        var until = to.start().plus(to.day() ? Duration.ofDays(1) : Duration.ofHours(1));
        if (!from.start().isBefore(until)) {
            throw new SpendQueryException("from", "from (" + fromText + ") is after to (" + to.text(toText) + ").");
        }
        if (ChronoUnit.DAYS.between(from.start(), until.minusNanos(1)) >= maxDays) {
            throw new SpendQueryException("from", "A query covers at most " + maxDays + " days.");
        }
        return new TimeRange(from.start().toInstant(ZoneOffset.UTC), until.toInstant(ZoneOffset.UTC),
                from.day() && to.day());
    }

    /** A date (a whole day), a date and hour {@code 2026-11-21T10}, or an instant on the hour. */
    private static Bound bound(String name, String text) {
        var trimmed = text.trim();
        try {
            if (trimmed.length() == 10) {
                return new Bound(LocalDate.parse(trimmed).atStartOfDay(), true);
            }
            var time = trimmed.length() == 13
                    ? LocalDateTime.parse(trimmed + ":00")
                    : LocalDateTime.ofInstant(Instant.parse(trimmed), ZoneOffset.UTC);
            if (time.getMinute() != 0 || time.getSecond() != 0 || time.getNano() != 0) {
                throw new SpendQueryException(name, name + " must be on the hour, not '" + text + "'.");
            }
            return new Bound(time, false);
        } catch (DateTimeParseException e) {
            throw new SpendQueryException(name, name + " must be a date as YYYY-MM-DD or an hour as YYYY-MM-DDTHH"
                    + " (UTC), not '" + text + "'.");
        }
    }

    private record Bound(LocalDateTime start, boolean day) {

        String text(String given) {
            return given == null ? start.toLocalDate().toString() : given;
        }
    }

    private static <T> String names(T[] values, Function<T, String> name) {
        return String.join(", ", Arrays.stream(values).map(name).toList());
    }

    /** The parameters of one request, each given at most once, none unknown. */
    private static final class Params {

        private final Map<String, List<String>> params;

        Params(Map<String, List<String>> params, Set<String> allowed) {
            this.params = params;
            for (var entry : params.entrySet()) {
                if (!allowed.contains(entry.getKey())) {
                    throw new SpendQueryException(entry.getKey(), "Unknown parameter '" + entry.getKey()
                            + "'; this endpoint takes " + String.join(", ", allowed.stream().sorted().toList()) + ".");
                }
                if (entry.getValue().size() > 1) {
                    throw new SpendQueryException(entry.getKey(), entry.getKey()
                            + " is given more than once; give several values as one comma-separated list.");
                }
            }
        }

        String get(String name) {
            var values = params.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @SafeVarargs
        final <E extends Enum<E>> E oneOf(String name, E fallback, E... choices) {
            var text = get(name);
            if (text == null) {
                return fallback;
            }
            var all = new ArrayList<E>();
            all.add(fallback);
            all.addAll(List.of(choices));
            for (var choice : all) {
                if (param(choice).equals(text.trim())) {
                    return choice;
                }
            }
            throw new SpendQueryException(name, name + " must be one of " + String.join(", ",
                    all.stream().map(QueryParser::param).filter(s -> !s.equals("none")).toList()) + ".");
        }
    }

    private static String param(Enum<?> choice) {
        var lower = choice.name().toLowerCase(Locale.ROOT);
        int bar = lower.indexOf('_');
        return bar < 0
                ? lower
                : lower.substring(0, bar) + Character.toUpperCase(lower.charAt(bar + 1))
                        + lower.substring(bar + 2);
    }
}
