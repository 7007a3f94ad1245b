package io.switchboard.metering.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.metering.MeteringConfig;
import io.switchboard.metering.access.KeyRing;
import io.switchboard.metering.access.Scoping;
import io.switchboard.metering.aggregate.Dimension;
import io.switchboard.metering.aggregate.SessionTotals;
import io.switchboard.metering.cluster.SpendCluster;
import io.switchboard.metering.query.Granularity;
import io.switchboard.metering.query.QueryParser;
import io.switchboard.metering.query.SessionQuery;
import io.switchboard.metering.query.Sort;
import io.switchboard.metering.query.SpendQuery;
import io.switchboard.metering.query.SpendReport;
import io.switchboard.metering.query.SpendRow;

/**
 * The spend API: spend grouped by any dimensions over hours, days or months (JSON, or CSV for {@code Accept:
 * text/csv}), one user's days, and agent sessions. A virtual key sees its own user's spend only; an admin key all.
 */
@Path("/v1/spend")
@Produces(MediaType.APPLICATION_JSON)
public class SpendResource {

    private static final String CSV = "text/csv";

    private final SpendCluster cluster;
    private final KeyRing keys;
    private final MeteringConfig config;

    SpendResource(SpendCluster cluster, KeyRing keys, MeteringConfig config) {
        this.cluster = cluster;
        this.keys = keys;
        this.config = config;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response spend(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context UriInfo uri) {
        var access = keys.authenticate(authorization);
        var query = Scoping.scope(access, parser().spend(uri.getQueryParameters()));
        var report = SpendReport.of(query, cluster.spend(query, authorization));
        return accept != null && accept.contains(CSV)
                ? Response.ok(Csv.of(report), CSV + "; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"spend.csv\"").build()
                : Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    /** One user's total and days: the same as {@code groupBy=} (none), {@code user=}, {@code granularity=day}. */
    @GET
    @Path("/users/{user}")
    public UserSpend user(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("user") String user, @Context UriInfo uri) {
        var access = keys.authenticate(authorization);
        Scoping.check(access, user);
        var range = parser().days(uri.getQueryParameters());
        var query = new SpendQuery(List.of(), Map.of(Dimension.USER, Set.of(user)), range, Granularity.DAY,
                Sort.COST, 0);
        var report = SpendReport.of(query, cluster.spend(query, authorization));
        return new UserSpend(user, range.fromText(), range.toText(), report.total(),
                report.rows().stream().sorted(Comparator.comparing(SpendRow::period)).toList());
    }

    @GET
    @Path("/sessions")
    public SessionList sessions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        var access = keys.authenticate(authorization);
        var query = Scoping.scope(access, parser().sessions(uri.getQueryParameters(), null));
        return new SessionList(ranked(query, cluster.sessions(query, authorization)));
    }

    /** A session by id; ids are the clients' and two users may share one: the most recently active is shown. */
    @GET
    @Path("/sessions/{id}")
    public SessionView session(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id, @Context UriInfo uri) {
        var access = keys.authenticate(authorization);
        var params = new java.util.HashMap<>(uri.getQueryParameters());
        if (!params.containsKey("from")) {
            params.put("from", List.of(Instant.EPOCH.toString().substring(0, 10)));
        }
        var query = Scoping.scope(access, new QueryParser(Integer.MAX_VALUE, config.maxHourlyQueryDays(),
                Instant.now()).sessions(params, id));
        return cluster.sessions(query, authorization).stream()
                .max(Comparator.comparing(SessionTotals::lastSeen)).map(SessionView::of)
                .orElseThrow(() -> new NotFoundException("No session '" + id + "' in that range."));
    }

    private static List<SessionView> ranked(SessionQuery query, List<SessionTotals> sessions) {
        return sessions.stream()
                .sorted(Comparator.<SessionTotals>comparingLong(s -> query.sort().metric(s)).reversed()
                        .thenComparing(SessionTotals::sessionId).thenComparing(SessionTotals::user))
                .limit(query.top() > 0 ? query.top() : Long.MAX_VALUE).map(SessionView::of).toList();
    }

    private QueryParser parser() {
        return new QueryParser(config.maxQueryDays(), config.maxHourlyQueryDays(), Instant.now());
    }

    @RegisterForReflection
    public record UserSpend(String user, String from, String to, SpendRow total, List<SpendRow> days) {
    }

    @RegisterForReflection
    public record SessionList(List<SessionView> sessions) {
    }

    /** A session's totals, shaped like a spend row. */
    @RegisterForReflection
    public record SessionView(String sessionId, String user, String team, String client, Instant firstSeen,
            Instant lastSeen, SpendRow totals) {

        static SessionView of(SessionTotals s) {
            return new SessionView(s.sessionId(), s.user(), s.team(), s.client(), s.firstSeen(), s.lastSeen(),
                    SpendRow.of(null, null, s.totals()));
        }
    }
}
