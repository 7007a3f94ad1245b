package io.switchboard.metering.dashboard;

import static io.restassured.RestAssured.given;
import static io.switchboard.metering.UsageEvents.publish;
import static io.switchboard.metering.UsageEvents.usage;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Tokens;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.Chromium;
import io.switchboard.testing.KafkaBrokerResource;

/**
 * The dashboard as a browser draws it: a month of usage published through a real broker, the page opened in headless
 * Chromium with the admin key in its fragment, and the charts checked against what the events add up to. Skipped where
 * no chromium is installed; CI installs it. The screenshot is left at {@code target/dashboard.png}.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class DashboardTest {

    private static final String ADMIN = "sk-test-admin";
    // A month no other test publishes in, so the page shows these events alone.
    private static final String FROM = "2026-05-01";
    private static final String TO = "2026-05-31";
    private static final String OPUS = "claude-opus-4-1";
    private static final Map<String, String> CLIENT_NAMES = Map.of("claude-code", "Claude Code", "codex", "Codex",
            "cursor", "Cursor", "copilot", "Copilot", "openai-sdk", "OpenAI SDK", "anthropic-sdk", "Anthropic SDK",
            "other", "Other");
    private static final Pattern BAR = Pattern.compile("data-label=\"([^\"]*)\" data-value=\"([^\"]*)\"");

    @TestHTTPResource("/dashboard")
    URL dashboard;

    private final Optional<Chromium> chromium = Chromium.find(Path.of("target", "chromium"));

    @Test
    void chartsShowWhatTheMonthsUsageAddsUpTo() throws Exception {
        assumeTrue(chromium.isPresent(), "no chromium on the PATH");

        // given
        var events = month();
        publish(events.toArray(UsageEvent[]::new));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", "Bearer " + ADMIN).queryParam("from", FROM).queryParam("to", TO)
                .when().get("/v1/spend")
                .then().statusCode(200).body("total.requests", equalTo(events.size())));
        // budget standings are read after a start (503 until then); headless Chromium's virtual time would spend
        // the page's own retries in an instant
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", "Bearer " + ADMIN).when().get("/v1/budgets").then().statusCode(200));

        // when: /dashboard, which redirects to the page, the key and range in the fragment
        var page = dashboard + "#key=" + ADMIN + "&from=" + FROM + "&to=" + TO;
        var dom = chromium.get().dumpDom(page);
        var screenshot = Path.of("target", "dashboard.png");
        Files.deleteIfExists(screenshot);
        chromium.get().screenshot(page, screenshot, 1400, 2000);

        // then
        assertThat(dom).contains("<body data-state=\"ready\">");
        var total = events.stream().mapToLong(UsageEvent::costMicros).sum();
        assertThat(dom).contains("data-kpi=\"spend\"><span class=\"kpi-label\">Spend</span><span class=\"kpi-value\">"
                + dollars(total) + "</span>");

        var spendOverTime = chart(dom, "spend-over-time");
        assertThat(Pattern.compile("data-x=\"2026-05-\\d\\d\"").matcher(spendOverTime).results()).hasSize(31);
        assertThat(spendOverTime).contains("data-series=\"All teams\" data-sum=\"" + total + "\"");
        sum(events, UsageEvent::teamId, UsageEvent::costMicros).forEach((team, cost) -> assertThat(spendOverTime)
                .contains("data-series=\"" + team + "\" data-sum=\"" + cost + "\""));

        var costByUser = sum(events, UsageEvent::userId, UsageEvent::costMicros);
        var topUser = costByUser.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        assertThat(firstBar(chart(dom, "top-users"))).containsExactly(topUser.getKey(), topUser.getValue().toString());

        assertThat(dom).contains("data-panel=\"expensive-share\" data-expensive-models=\"" + OPUS + "\"");
        var opusTokens = sum(events.stream().filter(e -> e.modelServed().equals(OPUS)).toList(), UsageEvent::userId,
                DashboardTest::tokens);
        var allTokens = sum(events, UsageEvent::userId, DashboardTest::tokens);
        var mostOnOpus = opusTokens.keySet().stream()
                .max(Comparator.comparingDouble(user -> (double) opusTokens.get(user) / allTokens.get(user)))
                .orElseThrow();
        assertThat(firstBar(chart(dom, "expensive-share"))[0]).isEqualTo(mostOnOpus);

        var teamModels = chart(dom, "team-models");
        sum(events, e -> List.of(e.teamId(), e.modelServed()), UsageEvent::costMicros).forEach((teamModel,
                cost) -> assertThat(teamModels).contains("data-category=\"" + teamModel.get(0) + "\" data-series=\""
                        + teamModel.get(1) + "\" data-value=\"" + cost + "\""));

        var clientMix = chart(dom, "client-mix");
        sum(events, e -> e.client().name(), e -> 1).forEach((client, requests) -> assertThat(clientMix)
                .contains("data-label=\"" + CLIENT_NAMES.get(client) + "\" data-value=\"" + requests + "\""));

        var reasoning = chart(dom, "reasoning");
        sum(events, UsageEvent::teamId, e -> e.tokens().reasoning()).forEach((team, tokens) -> assertThat(reasoning)
                .contains("data-label=\"" + team + "\" data-value=\"" + tokens + "\""));
        var latency = chart(dom, "latency");
        var requestsByTeam = sum(events, UsageEvent::teamId, e -> 1);
        sum(events, UsageEvent::teamId, UsageEvent::latencyMillis).forEach((team, millis) -> assertThat(latency)
                .contains("data-label=\"" + team + "\" data-value=\""
                        + Math.round((double) millis / requestsByTeam.get(team)) + "\""));

        var students = events.stream().filter(e -> e.provider().startsWith("student:")).toList();
        long studentCost = students.stream().mapToLong(UsageEvent::costMicros).sum();
        long teacherCost = students.stream().mapToLong(UsageEvent::teacherCostMicros).sum();
        var shadows = events.stream().filter(e -> e.shadow() != null).toList();
        long shadowCost = shadows.stream().mapToLong(UsageEvent::costMicros).sum();
        assertThat(shadows).isNotEmpty();
        assertThat(chart(dom, "distillation"))
                .contains("data-category=\"support-triage\" data-series=\"Student\" data-value=\""
                        + studentCost + "\"")
                .contains("data-series=\"Shadow evaluation\" data-value=\"" + shadowCost + "\"")
                .contains("data-series=\"Saved\" data-value=\"" + (teacherCost - studentCost - shadowCost) + "\"");
        assertThat(dom).contains("Students served " + students.size() + " requests for " + dollars(studentCost)
                + "; the teachers would have cost " + dollars(teacherCost) + ", and shadow evaluation asked them "
                + shadows.size() + " times for " + dollars(shadowCost) + ": "
                + dollars(teacherCost - studentCost - shadowCost) + " saved in all.");

        assertThat(dom).contains("data-panel=\"budgets\" data-state=\"ready\"").contains("data-subject=\"team:infra\"");

        var png = ByteBuffer.wrap(Files.readAllBytes(screenshot));
        assertThat(png.getLong(0)).as("PNG signature").isEqualTo(0x89504E470D0A1A0AL);
        assertThat(png.getInt(16)).as("width").isEqualTo(1400);
        assertThat(png.capacity()).as("a drawn page, not a blank one").isGreaterThan(60_000);
    }

    @Test
    void aRefusedKeyIsSaidSoOnThePage() throws Exception {
        assumeTrue(chromium.isPresent(), "no chromium on the PATH");

        var dom = chromium.get().dumpDom(dashboard + "#key=sk-not-a-key");

        assertThat(dom).contains("<body data-state=\"error\">")
                .contains("The key was refused: This key is not known; ask the platform team for one.");
    }

    @Test
    void thePageIsServedAtDashboardWithOrWithoutTheSlash() {
        given().redirects().follow(false).when().get("/dashboard")
                .then().statusCode(302).header("Location", endsWith("dashboard/"));
        given().when().get("/dashboard/")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<title>Switchboard · Usage</title>"));
    }

    /** Who uses what: each user's team, coding tool and models; o3 reasons, Opus costs five times Sonnet. */
    private static List<UsageEvent> month() {
        record Member(String user, String team, String client, List<String> models) {
        }
        record Price(String provider, long inputPerThousand, long outputPerThousand) {
        }
        var members = List.of(
                new Member("ana", "platform", "claude-code", List.of(OPUS, "claude-sonnet-4-5")),
                new Member("ben", "platform", "codex", List.of("o3", "gpt-4o")),
                new Member("chloe", "web", "cursor", List.of("gpt-4o", "claude-sonnet-4-5")),
                new Member("dev", "web", "copilot", List.of("gpt-4o-mini")),
                new Member("eve", "ml", "anthropic-sdk", List.of("claude-sonnet-4-5", OPUS, "claude-sonnet-4-5")),
                new Member("finn", "ml", "openai-sdk", List.of("o3")),
                new Member("gia", "data", "other", List.of("gpt-4o-mini", "gpt-4o")),
                new Member("hugo", "data", "claude-code", List.of("claude-sonnet-4-5")));
        var prices = Map.of("gpt-4o-mini", new Price("openai", 150, 600), "gpt-4o", new Price("openai", 2_500, 10_000),
                "o3", new Price("openai", 2_000, 8_000), "claude-sonnet-4-5", new Price("anthropic", 3_000, 15_000),
                OPUS, new Price("anthropic", 15_000, 75_000));
        var random = new Random(2026);
        var events = new ArrayList<UsageEvent>();
        for (int day = 1; day <= 31; day++) {
            for (var member : members) {
                for (int i = random.nextInt(4); i > 0; i--) {
                    var model = member.models().get(random.nextInt(member.models().size()));
                    var price = prices.get(model);
                    long input = 1_000L * (2 + random.nextInt(30));
                    long output = 100L * (3 + random.nextInt(30));
                    long reasoning = model.equals("o3") ? output * 3 / 4 : 0;
                    events.add(usage(member.user(), member.team(),
                            String.format(Locale.ROOT, "2026-05-%02dT%02d:%02d:00Z", day, 8 + random.nextInt(10),
                                    random.nextInt(60)))
                            .model(model, price.provider()).client(member.client())
                            .tokens(new Tokens(input, 0, 0, output, reasoning))
                            .cost((input * price.inputPerThousand() + output * price.outputPerThousand()) / 1_000)
                            .latency(400 + random.nextInt(3_000) + (reasoning > 0 ? 6_000 : 0)).build());
                }
            }
            // support tickets, which a student distilled from Sonnet answers at a twentieth of its price
            for (int i = 0; i < 5; i++) {
                long input = 400L + random.nextInt(400);
                long teacherCost = (input * 3_000 + 2 * 15_000) / 1_000;
                events.add(usage("ivy", "support", String.format(Locale.ROOT, "2026-05-%02dT%02d:00:00Z", day, 9 + i))
                        .model("tickets", "student:ml/tickets").client("other").workload("support-triage")
                        .tokens(new Tokens(input, 0, 0, 2, 0)).cost(teacherCost / 20)
                        .teacherCost(teacherCost).latency(40).build());
                if (i == 0) {
                    // the teacher asked the same, to compare its answer with the student's: metered under the
                    // teacher's own model
                    events.add(usage("ivy", "support",
                            String.format(Locale.ROOT, "2026-05-%02dT%02d:00:01Z", day, 9 + i))
                            .model("claude-sonnet-4-5", "anthropic").client("other").workload("support-triage")
                            .tokens(new Tokens(input, 0, 0, 2, 0)).cost(teacherCost).shadow("ml/tickets", true)
                            .latency(900).build());
                }
            }
        }
        return events;
    }

    private static long tokens(UsageEvent event) {
        return event.tokens().input() + event.tokens().output();
    }

    private static <K> Map<K, Long> sum(List<UsageEvent> events, Function<UsageEvent, K> by,
            ToLongFunction<UsageEvent> value) {
        return events.stream().collect(groupingBy(by, summingLong(value)));
    }

    /** Dollars as the page prints them: rounded half up to the cent, thousands grouped. */
    private static String dollars(long micros) {
        return String.format(Locale.US, "$%,.2f", BigDecimal.valueOf(micros, 6));
    }

    /** The markup of one chart, from its {@code <svg data-chart="id">} to its end. */
    private static String chart(String dom, String id) {
        var svg = Pattern.compile("<svg [^>]*data-chart=\"" + id + "\".*?</svg>", Pattern.DOTALL).matcher(dom);
        assertThat(svg.find()).as("chart %s is drawn", id).isTrue();
        return svg.group();
    }

    /** The label and value of a bar chart's first (largest) bar. */
    private static String[] firstBar(String chart) {
        var bar = BAR.matcher(chart);
        assertThat(bar.find()).as("a bar").isTrue();
        return new String[]{bar.group(1), bar.group(2)};
    }
}
