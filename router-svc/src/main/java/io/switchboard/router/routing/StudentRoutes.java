package io.switchboard.router.routing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import io.switchboard.events.StudentRoute;

/**
 * The promoted students in force ({@code switchboard.routes.v1}), by job: a request for a route's model (or an alias
 * of it) tagged with its workload goes to the student first, with the model's own chain behind it as the fallback.
 * Each student is a provider of its own, {@code student:<job>}, speaking OpenAI's chat completions at the route's base
 * URL without a key, priced from the route, held to the timeouts of the model's first deployment. A route with a share
 * below 100% (a canary step) takes that share of the requests, drawn at random per request. When two routes claim the
 * same model and workload (a new promotion published before the old one is withdrawn), the one published last
 * decides. A route with a shadow share has the router ask the teacher that share of the requests the student answered,
 * after the client has the student's answer, to compare the two. Immutable: each change of the topic makes a new one.
 */
public final class StudentRoutes {

    public static final StudentRoutes NONE = new StudentRoutes(Map.of());

    private static final Comparator<StudentRoute> NEWEST_FIRST = Comparator
            .comparing(StudentRoute::publishedAt).reversed().thenComparing(StudentRoute::job);

    private final Map<String, StudentRoute> byJob;
    private final Map<String, List<StudentRoute>> byWorkload = new HashMap<>();
    private final Map<String, ProviderSettings> providers = new HashMap<>();

    private StudentRoutes(Map<String, StudentRoute> byJob) {
        this.byJob = Map.copyOf(byJob);
        for (var route : this.byJob.values()) {
            byWorkload.computeIfAbsent(route.workload(), w -> new ArrayList<>()).add(route);
            providers.put(StudentRoute.provider(route.job()),
                    new ProviderSettings.Http(StudentRoute.provider(route.job()),
                            ProviderSettings.Vendor.OPENAI_COMPATIBLE, URI.create(route.baseUrl()), null));
        }
        byWorkload.values().forEach(routes -> routes.sort(NEWEST_FIRST));
    }

    /** The provider name of a job's student. */
    /**
     * Why a record of the routes topic cannot be served, or empty when it can.
     *
     * @param key the record's key, which must be the route's job
     */
    public static Optional<String> problem(String key, StudentRoute route) {
        if (!key.equals(route.job())) {
            return Optional.of("its key '" + key + "' is not its job '" + route.job() + "'");
        }
        if (route.workload().isBlank() || route.model().isBlank() || route.student().isBlank()) {
            return Optional.of("its model, workload and student must not be empty");
        }
        try {
            var url = new URI(route.baseUrl());
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                return Optional.of("its baseUrl '" + route.baseUrl() + "' is not an http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            return Optional.of("its baseUrl is not a URL: " + e.getReason());
        }
        return Optional.empty();
    }

    /**
     * These routes with a job's route published or replaced, or withdrawn when {@code route} is {@code null}.
     *
     * @throws IllegalArgumentException when the route has a {@link #problem}
     */
    public StudentRoutes with(String job, StudentRoute route) {
        var next = new HashMap<>(byJob);
        if (route == null) {
            next.remove(job);
        } else {
            problem(job, route).ifPresent(problem -> {
                throw new IllegalArgumentException("student route of " + job + " cannot be served: " + problem);
            });
            next.put(job, route);
        }
        return new StudentRoutes(next);
    }

    /** How many routes are in force. */
    public int size() {
        return byJob.size();
    }

    /** One OpenAI-compatible provider per student, by provider name. */
    public Map<String, ProviderSettings> providers() {
        return Map.copyOf(providers);
    }

    /**
     * The plan with the student that serves {@code requested} for {@code workload} put first, or the plan as it was
     * when no route applies or the student's model is gone.
     *
     * @param workload the request's workload tag, {@code null} when it has none
     */
    public ChainPlanner.Plan overlay(ChainPlanner.Plan plan, RoutingTable table, ModelRoute requested,
            String workload, Predicate<Deployment> gone) {
        if (workload == null) {
            return plan;
        }
        for (var route : byWorkload.getOrDefault(workload, List.of())) {
            var model = table.model(route.model());
            if (model.isPresent() && model.get().name().equals(requested.name())) {
                var student = deployment(route, requested.deployments().get(0));
                if (gone.test(student) || !drawn(route)) {
                    return plan;
                }
                var chain = new ArrayList<Deployment>(plan.chain().size() + 1);
                chain.add(student);
                chain.addAll(plan.chain());
                return new ChainPlanner.Plan(plan.retiredModel(), plan.servingModel(), List.copyOf(chain), student);
            }
        }
        return plan;
    }

    /**
     * Whether the teacher is also asked this request, which the student heads the plan of: drawn per request from the
     * route's shadow share; never when the route has none or is gone.
     */
    public boolean shadowDrawn(Deployment student) {
        var route = byJob.get(StudentRoute.job(student.provider()));
        int share = route == null ? 0 : route.shadowShare();
        return share == 100 || share > 0 && ThreadLocalRandom.current().nextInt(100) < share;
    }

    /** The route of a student's deployment; empty once it is gone. */
    public Optional<StudentRoute> route(Deployment student) {
        return Optional.ofNullable(byJob.get(StudentRoute.job(student.provider())));
    }

    /** Whether this request falls in the route's share. */
    private static boolean drawn(StudentRoute route) {
        return route.share() == 100 || ThreadLocalRandom.current().nextInt(100) < route.share();
    }

    private static Deployment deployment(StudentRoute route, Deployment teacher) {
        long input = route.inputMicrosPerMillion();
        return new Deployment(StudentRoute.provider(route.job()), route.student(),
                new Price(input, input, input, route.outputMicrosPerMillion()), 1, "", teacher.timeouts(), null,
                teacher.unsupportedTools());
    }
}
