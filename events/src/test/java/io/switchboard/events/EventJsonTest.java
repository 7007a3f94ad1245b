package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void usageEventSurvivesTheWireUnchanged() {
        // given
        var event = new UsageEvent(UUID.randomUUID(), Instant.parse("2026-11-21T10:15:30.123Z"),
                UsageEvent.SCHEMA_VERSION, "req-1", "alice", "payments", "key-alice", "sess-9",
                new ClientInfo("claude-code", "2.0.14"), "review", UsageEvent.Api.OPENAI_CHAT, "gpt-4o", "gpt-4o-mini",
                "backup", List.of(new Attempt("primary", "gpt-4o", Attempt.Outcome.SERVER_ERROR, 500, 12),
                        new Attempt("backup", "gpt-4o-mini", Attempt.Outcome.OK, 200, 340)),
                true, UsageEvent.Outcome.OK, 200, new Tokens(1200, 1000, 0, 80, 20), 1_234L, "2026-11-01", 352, 90,
                false, "9f2c", 0);

        // when
        var json = EventJson.write(event);
        var back = EventJson.read(json, UsageEvent.class);

        // then
        assertThat(back).isEqualTo(event);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"time\":\"2026-11-21T10:15:30.123Z\"")
                .contains("\"costMicros\":1234");
    }

    @Test
    void aShadowEventSaysWhoseStudentItChecksAndAnOrdinaryEventHasNoShadow() {
        var shadow = new UsageEvent(UUID.randomUUID(), Instant.parse("2026-12-07T11:00:00Z"),
                UsageEvent.SCHEMA_VERSION, "req-2", "alice", "support", "key-alice", "", null, "support-triage",
                UsageEvent.Api.OPENAI_CHAT, "ticket-teacher", "gpt-4o", "openai", List.of(), false,
                UsageEvent.Outcome.OK, 200, new Tokens(30, 0, 0, 2, 0), 96, "2026-11-01", 310, 310, false, "", 0,
                new UsageEvent.Shadow("ml/tickets", true));
        var ordinary = """
                {"eventId":"8f14e45f-ceea-467f-a8e5-5f7a2b1f0b3e","time":"2026-11-21T00:00:00Z","schemaVersion":1,
                 "userId":"bob","outcome":"OK","costMicros":5}
                """;

        var back = EventJson.read(EventJson.write(shadow), UsageEvent.class);

        assertThat(back).isEqualTo(shadow);
        assertThat(back.shadow().job()).isEqualTo("ml/tickets");
        assertThat(EventJson.read(ordinary.getBytes(StandardCharsets.UTF_8), UsageEvent.class).shadow()).isNull();
    }

    @Test
    void aTraceSurvivesTheWireUnchanged() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var trace = new Trace(UUID.randomUUID(), Instant.parse("2026-12-07T09:00:00Z"), Trace.SCHEMA_VERSION, "req-7",
                "support-triage", UsageEvent.Api.OPENAI_CHAT, "gpt-4o", "gpt-4o-2024-08-06", "openai", Trace.TEACHER,
                false, new Tokens(30, 0, 0, 4, 0), 120, Instant.parse("2026-12-21T09:00:00Z"),
                mapper.readTree("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                mapper.readTree("{\"choices\":[{\"message\":{\"content\":\"billing\"}}]}"),
                List.of(new Trace.Turn("user", "hi")), "billing");

        var back = EventJson.read(EventJson.write(trace), Trace.class);

        assertThat(back).isEqualTo(trace);
    }

    @Test
    void aStudentRouteSurvivesTheWireUnchanged() {
        var route = new StudentRoute("ml/tickets", "ticket-teacher", "support-triage", "tickets",
                "http://tickets-student.ml.svc:8000/v1", 42_000, 42_000, Instant.parse("2026-12-05T10:00:00Z"), 25,
                5, List.of("priority", "team"), null, null);
        var pattern = new StudentRoute(route.job(), route.model(), route.workload(), route.student(), route.baseUrl(),
                1, 1, route.publishedAt(), null, 5, null, "category: (\\w+)", null);
        var toolCalls = new StudentRoute(route.job(), route.model(), route.workload(), route.student(),
                route.baseUrl(), 1, 1, route.publishedAt(), null, 5, null, null, true);

        var back = EventJson.read(EventJson.write(route), StudentRoute.class);

        assertThat(back).isEqualTo(route);
        assertThat(back.shadowShare()).isEqualTo(5);
        assertThat(back.shadowFields()).containsExactly("priority", "team");
        assertThat(EventJson.read(EventJson.write(pattern), StudentRoute.class)).isEqualTo(pattern);
        assertThat(EventJson.read(EventJson.write(toolCalls), StudentRoute.class).shadowToolCalls()).isTrue();
    }

    @Test
    void aStudentRouteWithoutAShareServesEveryRequestWithoutShadowAndAShareOutOfRangeIsAFormatError() {
        var json = """
                {"job":"ml/tickets","model":"ticket-teacher","workload":"support-triage","student":"tickets",
                 "baseUrl":"http://tickets-student.ml.svc:8000/v1","inputMicrosPerMillion":1,
                 "outputMicrosPerMillion":1,"publishedAt":"2026-12-05T10:00:00Z"%s}
                """;

        var whole = EventJson.read(json.formatted("").getBytes(StandardCharsets.UTF_8), StudentRoute.class);

        assertThat(whole.sharePercent()).isNull();
        assertThat(whole.share()).isEqualTo(100);
        assertThat(whole.shadowShare()).isZero();
        assertThat(whole.shadowFields()).as("the whole text compared").isNull();
        assertThatThrownBy(() -> EventJson.read(json.formatted(",\"shadowFields\":[]")
                .getBytes(StandardCharsets.UTF_8), StudentRoute.class))
                .isInstanceOf(EventJson.EventFormatException.class).hasMessageContaining("at least one field");
        assertThatThrownBy(() -> EventJson.read(json.formatted(",\"shadowPattern\":\"(unclosed\"")
                .getBytes(StandardCharsets.UTF_8), StudentRoute.class))
                .isInstanceOf(EventJson.EventFormatException.class).hasMessageContaining("regular expression");
        assertThatThrownBy(() -> EventJson.read(json.formatted(",\"shadowFields\":[\"a\"],\"shadowToolCalls\":true")
                .getBytes(StandardCharsets.UTF_8), StudentRoute.class))
                .isInstanceOf(EventJson.EventFormatException.class).hasMessageContaining("one of them");
        assertThatThrownBy(() -> EventJson.read(json.formatted(",\"shadowPercent\":101")
                .getBytes(StandardCharsets.UTF_8), StudentRoute.class))
                .isInstanceOf(EventJson.EventFormatException.class).hasMessageContaining("shadow share");
        assertThatThrownBy(() -> EventJson.read(json.formatted(",\"sharePercent\":0")
                .getBytes(StandardCharsets.UTF_8), StudentRoute.class))
                .isInstanceOf(EventJson.EventFormatException.class).hasMessageContaining("1 to 100 percent");
    }

    @Test
    void aStudentRouteWithoutItsAddressIsAFormatError() {
        var json = """
                {"job":"ml/tickets","model":"ticket-teacher","workload":"support-triage","student":"tickets",
                 "publishedAt":"2026-12-05T10:00:00Z"}
                """;

        assertThatThrownBy(() -> EventJson.read(json.getBytes(StandardCharsets.UTF_8), StudentRoute.class))
                .isInstanceOf(EventJson.EventFormatException.class).hasMessageContaining("baseUrl");
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        var json = """
                {"eventId":"8f14e45f-ceea-467f-a8e5-5f7a2b1f0b3e","time":"2026-11-21T00:00:00Z","schemaVersion":1,
                 "userId":"bob","outcome":"OK","costMicros":5,"somethingNew":{"a":1}}
                """;

        var event = EventJson.read(json.getBytes(StandardCharsets.UTF_8), UsageEvent.class);

        assertThat(event.userId()).isEqualTo("bob");
        assertThat(event.costMicros()).isEqualTo(5);
        assertThat(event.tokens()).isEqualTo(Tokens.NONE);
        assertThat(event.attempts()).isEmpty();
    }

    @Test
    void garbageIsReportedAsAFormatError() {
        assertThatThrownBy(() -> EventJson.read("{not json".getBytes(StandardCharsets.UTF_8), UsageEvent.class))
                .isInstanceOf(EventJson.EventFormatException.class)
                .hasMessageContaining("UsageEvent");
    }

    @Test
    void tokenPartsCannotExceedTheirWhole() {
        assertThatThrownBy(() -> new Tokens(10, 8, 5, 0, 0)).hasMessageContaining("parts of input");
        assertThatThrownBy(() -> new Tokens(10, 0, 0, 3, 4)).hasMessageContaining("part of output");
        assertThat(new Tokens(10, 6, 3, 4, 1).uncachedInput()).isEqualTo(1);
        assertThat(new Tokens(10, 6, 3, 4, 1).plus(new Tokens(1, 1, 0, 2, 2))).isEqualTo(new Tokens(11, 7, 3, 6, 3));
    }

    @Test
    void moneyPrintsExactDollars() {
        assertThat(Money.dollars(1_234_567)).isEqualTo("$1.234567");
        assertThat(Money.dollars(5)).isEqualTo("$0.000005");
        assertThat(Money.dollars(0)).isEqualTo("$0.000000");
        assertThat(Money.dollars(-2_500_000)).isEqualTo("-$2.500000");
    }

    @Test
    void moneyForMachinesIsAPlainExactDecimal() {
        assertThat(Money.decimal(2_500_000)).isEqualTo("2.5");
        assertThat(Money.decimal(10_000_000)).isEqualTo("10");
        assertThat(Money.decimal(150_000)).isEqualTo("0.15");
        assertThat(Money.decimal(1)).isEqualTo("0.000001");
        assertThat(Money.decimal(0)).isEqualTo("0");
    }
}
