package io.switchboard.metering.api;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.switchboard.metering.MeteringConfig;
import io.switchboard.metering.aggregate.SpendTopology;
import io.switchboard.metering.aggregate.SpendTotals;

/** Spend over UTC days: grouped by user or team, or one user's days. */
@Path("/v1/spend")
@Produces(MediaType.APPLICATION_JSON)
public class SpendResource {

    private final SpendQueries queries;
    private final MeteringConfig config;

    SpendResource(SpendQueries queries, MeteringConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @GET
    public SpendReport spend(@QueryParam("groupBy") String groupBy, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        var store = switch (groupBy == null ? "" : groupBy) {
            case "user" -> SpendTopology.USER_DAY_STORE;
            case "team" -> SpendTopology.TEAM_DAY_STORE;
            default -> throw new SpendQueryException("groupBy", "groupBy must be 'user' or 'team'.");
        };
        var range = range(from, to);
        var bySubject = queries.bySubject(store, range.from(), range.to());
        var rows = bySubject.entrySet().stream()
                .sorted(Map.Entry.<String, SpendTotals>comparingByValue(
                        Comparator.comparingLong(SpendTotals::costMicros)).reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> SpendView.of(e.getKey(), e.getValue()))
                .toList();
        var total = bySubject.values().stream().reduce(SpendTotals.ZERO, SpendTotals::plus);
        return new SpendReport(groupBy, range.from(), range.to(), rows, SpendView.of("total", total));
    }

    @GET
    @Path("/users/{user}")
    public UserSpend user(@PathParam("user") String user, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        var range = range(from, to);
        var days = queries.byDay(SpendTopology.USER_DAY_STORE, user, range.from(), range.to());
        var total = days.values().stream().reduce(SpendTotals.ZERO, SpendTotals::plus);
        return new UserSpend(user, range.from(), range.to(), SpendView.of("total", total),
                days.entrySet().stream().map(e -> SpendView.of(e.getKey().toString(), e.getValue())).toList());
    }

    private DateRange range(String from, String to) {
        var today = LocalDate.now(ZoneOffset.UTC);
        var end = date("to", to, today);
        var start = date("from", from, end.withDayOfMonth(1));
        if (start.isAfter(end)) {
            throw new SpendQueryException("from", "from (" + start + ") is after to (" + end + ").");
        }
        if (ChronoUnit.DAYS.between(start, end) >= config.maxQueryDays()) {
            throw new SpendQueryException("from", "A query covers at most " + config.maxQueryDays() + " days.");
        }
        return new DateRange(start, end);
    }

    private static LocalDate date(String name, String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new SpendQueryException(name, name + " must be a date as YYYY-MM-DD, not '" + text + "'.");
        }
    }

    private record DateRange(LocalDate from, LocalDate to) {
    }

    public record SpendReport(String groupBy, LocalDate from, LocalDate to, List<SpendView> rows,
            SpendView total) {
    }

    public record UserSpend(String user, LocalDate from, LocalDate to, SpendView total, List<SpendView> days) {
    }
}
