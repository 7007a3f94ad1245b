package io.switchboard.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.switchboard.events.StudentRoute;

class StudentRoutesTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private final RoutingTable table = new RoutingFileLoader(name -> null).parse("""
            providers:
              a: {type: simulated}
              b: {type: simulated}
            models:
              teacher:
                aliases: [tutor]
                unsupportedTools: refuse
                deployments:
                  - {provider: a, model: teacher-a, timeouts: {firstByte: 3s}}
                  - {provider: b, model: teacher-b}
              other:
                deployments: [{provider: b, model: other-b}]
            prices:
              version: v1
              models: {teacher-a: {input: 2500000, output: 10000000}, teacher-b: {input: 1, output: 1},
                       other-b: {input: 1, output: 1}}
            """, "test");

    private static StudentRoute route(String job, String model, String workload, Instant publishedAt) {
        return new StudentRoute(job, model, workload, job.replace("ml/", "") + "-student",
                "http://" + job.replace("ml/", "") + ".ml.svc:8000/v1", 100_000, 400_000, publishedAt, null);
    }

    private ChainPlanner.Plan plan(StudentRoutes routes, String model, String workload, Set<String> gone) {
        var requested = table.model(model).orElseThrow();
        var teacher = ChainPlanner.plan(table, requested, NOW, d -> false, d -> 0);
        return routes.overlay(teacher, table, requested, workload, d -> gone.contains(d.id()));
    }

    @Test
    void aTaggedRequestForTheTeacherGoesToTheStudentFirstWithTheTeachersChainBehind() {
        // given
        var routes = StudentRoutes.NONE.with("ml/tickets", route("ml/tickets", "teacher", "triage", NOW));

        // when
        var plan = plan(routes, "teacher", "triage", Set.of());

        // then: the student, then the teacher's own deployments in their order
        assertThat(plan.chain()).extracting(Deployment::id)
                .containsExactly("student:ml/tickets/tickets-student", "a/teacher-a", "b/teacher-b");
        var student = plan.student();
        assertThat(student).isSameAs(plan.chain().get(0));
        assertThat(student.apiKey()).isEmpty();
        assertThat(student.price()).isEqualTo(new Price(100_000, 100_000, 100_000, 400_000));
        // held to the teacher's first deployment's timeouts and tool policy
        assertThat(student.timeouts().firstByte()).isEqualTo(Duration.ofSeconds(3));
        assertThat(student.unsupportedTools()).isEqualTo(Deployment.UnsupportedTools.REFUSE);
        assertThat(plan.servingModel()).isEqualTo("teacher");
    }

    @Test
    void requestsWithoutTheTagOrForAnotherModelOrWorkloadAreUnchanged() {
        var routes = StudentRoutes.NONE.with("ml/tickets", route("ml/tickets", "teacher", "triage", NOW));

        for (var untouched : new String[][]{{"teacher", null}, {"teacher", "billing"}, {"other", "triage"}}) {
            var requested = table.model(untouched[0]).orElseThrow();
            var teacher = ChainPlanner.plan(table, requested, NOW, d -> false, d -> 0);

            var plan = routes.overlay(teacher, table, requested, untouched[1], d -> false);

            assertThat(plan).as("%s tagged %s", untouched[0], untouched[1]).isSameAs(teacher);
            assertThat(plan.student()).isNull();
        }
    }

    @Test
    void aRouteAppliesToItsModelByAnyOfItsNames() {
        var routes = StudentRoutes.NONE.with("ml/tickets", route("ml/tickets", "tutor", "triage", NOW));

        assertThat(plan(routes, "teacher", "triage", Set.of()).student()).isNotNull();
        assertThat(plan(routes, "tutor", "triage", Set.of()).student()).isNotNull();
    }

    @Test
    void theRoutePublishedLastServesAndAWithdrawalHandsBackToTheOlder() {
        // given: a new promotion published before the old one is withdrawn
        var routes = StudentRoutes.NONE
                .with("ml/tickets", route("ml/tickets", "teacher", "triage", NOW.minusSeconds(3600)))
                .with("ml/tickets-v2", route("ml/tickets-v2", "teacher", "triage", NOW));

        assertThat(plan(routes, "teacher", "triage", Set.of()).student().provider()).isEqualTo("student:ml/tickets-v2");
        assertThat(routes.size()).isEqualTo(2);

        // when
        var withdrawn = routes.with("ml/tickets-v2", null);

        // then
        assertThat(plan(withdrawn, "teacher", "triage", Set.of()).student().provider())
                .isEqualTo("student:ml/tickets");
        assertThat(withdrawn.size()).isOne();
    }

    @Test
    void aCanaryRouteTakesItsShareOfTheRequests() {
        // given: a route at a quarter of the requests
        var quarter = route("ml/tickets", "teacher", "triage", NOW);
        quarter = new StudentRoute(quarter.job(), quarter.model(), quarter.workload(), quarter.student(),
                quarter.baseUrl(), quarter.inputMicrosPerMillion(), quarter.outputMicrosPerMillion(), NOW, 25);
        var routes = StudentRoutes.NONE.with("ml/tickets", quarter);

        // when
        long students = IntStream.range(0, 4_000)
                .filter(i -> plan(routes, "teacher", "triage", Set.of()).student() != null).count();

        // then: about a thousand, the others the teacher's own chain
        assertThat(students).isBetween(850L, 1_150L);
    }

    @Test
    void aShadowShareDrawsItsShareOfTheStudentsRequestsAndNoneWithoutOne() {
        // given: a route whose student serves every request, a tenth of them shadowed, and one without shadow
        var base = route("ml/tickets", "teacher", "triage", NOW);
        var shadowed = new StudentRoute(base.job(), base.model(), base.workload(), base.student(), base.baseUrl(),
                base.inputMicrosPerMillion(), base.outputMicrosPerMillion(), NOW, null, 10);
        var routes = StudentRoutes.NONE.with("ml/tickets", shadowed).with("ml/other",
                route("ml/other", "teacher", "other", NOW));
        var student = plan(routes, "teacher", "triage", Set.of()).student();
        var unshadowed = plan(routes, "teacher", "other", Set.of()).student();

        // when
        long drawn = IntStream.range(0, 4_000).filter(i -> routes.shadowDrawn(student)).count();

        // then: about four hundred
        assertThat(drawn).isBetween(300L, 500L);
        assertThat(IntStream.range(0, 100).noneMatch(i -> routes.shadowDrawn(unshadowed))).isTrue();
        // and none once the route is withdrawn
        assertThat(routes.with("ml/tickets", null).shadowDrawn(student)).isFalse();
    }

    @Test
    void aStudentWhoseModelIsGoneIsLeftOut() {
        var routes = StudentRoutes.NONE.with("ml/tickets", route("ml/tickets", "teacher", "triage", NOW));

        var plan = plan(routes, "teacher", "triage", Set.of("student:ml/tickets/tickets-student"));

        assertThat(plan.student()).isNull();
        assertThat(plan.chain()).extracting(Deployment::id).containsExactly("a/teacher-a", "b/teacher-b");
    }

    @Test
    void eachStudentIsAnOpenAiCompatibleProviderOfItsOwn() {
        var routes = StudentRoutes.NONE.with("ml/tickets", route("ml/tickets", "teacher", "triage", NOW));

        assertThat(routes.providers()).isEqualTo(Map.of("student:ml/tickets", new ProviderSettings.Http(
                "student:ml/tickets", ProviderSettings.Vendor.OPENAI_COMPATIBLE,
                URI.create("http://tickets.ml.svc:8000/v1"), null)));
        assertThat(StudentRoute.isStudent("student:ml/tickets")).isTrue();
        assertThat(StudentRoute.isStudent("openai")).isFalse();
    }

    @Test
    void routesThatCannotBeServedSayWhy() {
        var good = route("ml/tickets", "teacher", "triage", NOW);
        var ftp = new StudentRoute("ml/tickets", "teacher", "triage", "s", "ftp://host/v1", 1, 1, NOW, null);
        var blank = new StudentRoute("ml/tickets", "teacher", " ", "s", "http://host/v1", 1, 1, NOW, null);

        assertThat(StudentRoutes.problem("ml/tickets", good)).isEmpty();
        assertThat(StudentRoutes.problem("ml/other", good)).hasValue("its key 'ml/other' is not its job 'ml/tickets'");
        assertThat(StudentRoutes.problem("ml/tickets", ftp))
                .hasValue("its baseUrl 'ftp://host/v1' is not an http(s) URL with a host");
        assertThat(StudentRoutes.problem("ml/tickets", blank))
                .hasValue("its model, workload and student must not be empty");
        assertThatThrownBy(() -> StudentRoutes.NONE.with("ml/tickets", ftp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://host/v1");
    }

    @Test
    void theRoutingFileCannotNameAProviderAsAStudent() {
        assertThatThrownBy(() -> new RoutingFileLoader(name -> null).parse("""
                providers:
                  "student:ml/tickets": {type: simulated}
                models:
                  m: {deployments: [{provider: "student:ml/tickets", model: m}]}
                prices: {version: v1, models: {m: {input: 1, output: 1}}}
                """, "test")).isInstanceOf(RoutingConfigException.class)
                .hasMessageContaining("providers.student:ml/tickets: names starting with 'student:' are the promoted "
                        + "students'");
    }
}
