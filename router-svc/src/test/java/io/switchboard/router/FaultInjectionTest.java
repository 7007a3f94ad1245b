package io.switchboard.router;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.testing.FakeOpenAi.Reply;

/**
 * Every fault an upstream can produce, streaming and not, with a healthy deployment left in the chain: the client gets
 * its answer from the healthy one (or, once an answer has started, a well-formed error), every request is metered
 * exactly once, and the time the fault adds stays within the timeout that ends it. Prints a table of the figures,
 * also written to {@code target/fault-injection.md}.
 */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class FaultInjectionTest {

    private static final int REQUESTS = 2;
    private static final Duration SLACK = Duration.ofMillis(700);
    private static final List<String> TABLE = new ArrayList<>();

    /**
     * @param bound the most this fault may add to a request's latency
     * @param interruptsStreams whether a stream has already started when the fault hits
     */
    record Fault(String name, Supplier<Reply> reply, String model, Duration bound, boolean interruptsStreams) {
    }

    static List<Fault> faults() {
        return List.of(
                new Fault("500", () -> Reply.error(500), "gpt-4o", Duration.ZERO, false),
                new Fault("503", () -> Reply.error(503), "gpt-4o", Duration.ZERO, false),
                new Fault("429, no Retry-After", () -> Reply.rateLimited(null), "gpt-4o", Duration.ZERO, false),
                new Fault("429, Retry-After: 1", () -> Reply.rateLimited(1), "gpt-4o", Duration.ofSeconds(1), false),
                new Fault("hang before headers", Reply::hang, "gpt-4o", RouterTestResource.FIRST_BYTE, false),
                new Fault("connection reset", Reply::reset, "gpt-4o", Duration.ZERO, false),
                new Fault("stall before first token", Reply::stallBeforeFirstToken, "gpt-4o",
                        RouterTestResource.FIRST_TOKEN, false),
                new Fault("stall mid-stream", Reply::stallMidStream, "gpt-4o", RouterTestResource.IDLE, true),
                new Fault("malformed JSON", Reply::malformed, "gpt-4o", Duration.ZERO, false),
                new Fault("model not found", Reply::modelNotFound, "gone-model", Duration.ZERO, false));
    }

    @Test
    void theClientNeverSeesTheFault() {
        var softly = new SoftAssertions();
        for (var fault : faults()) {
            for (var stream : new boolean[]{false, true}) {
                inject(fault, stream, softly);
            }
        }
        softly.assertAll();
    }

    private void inject(Fault fault, boolean stream, SoftAssertions softly) {
        // given: a faulty first choice, a healthy backup
        RouterTestResource.primary.reset();
        RouterTestResource.backup.reset();
        RouterTestResource.backup.otherwise(Reply.ok("Served by the backup.", 100, 5));
        long baseline = baselineMillis(stream);
        RouterTestResource.primary.otherwise(fault.reply().get());
        boolean interrupted = stream && fault.interruptsStreams();
        // A whole JSON answer that stops coming is only noticed by the total timeout.
        var bound = !stream && fault.name().startsWith("stall") ? RouterTestResource.TOTAL : fault.bound();

        // when
        var requestIds = new HashSet<String>();
        long worst = 0;
        int answered = 0;
        for (int i = 0; i < REQUESTS; i++) {
            long started = System.nanoTime();
            var response = chat(fault.model(), stream);
            worst = Math.max(worst, (System.nanoTime() - started) / 1_000_000);
            requestIds.add(response.header("x-switchboard-request-id"));
            var body = response.asString();
            boolean asExpected = interrupted
                    ? body.contains("\"code\":\"upstream_interrupted\"")
                    : body.contains("Served") && "backup".equals(response.header("x-switchboard-provider"));
            answered += response.statusCode() == 200 && asExpected ? 1 : 0;
        }

        // then
        var events = RouterTestResource.broker.readMatching(Topics.USAGE, UsageEvent.class,
                event -> requestIds.contains(event.requestId()), Duration.ofSeconds(10));
        long added = worst - baseline;
        TABLE.add(String.format("| %-24s | %-6s | %-17s | %d/%d     | %8d | %8d | %8d |", fault.name(), stream,
                answered + "/" + REQUESTS + (interrupted ? " interrupted" : " by backup"), events.size(), REQUESTS,
                worst, added, bound.toMillis()));
        var row = fault.name() + ", stream=" + stream + ": ";
        softly.assertThat(answered).as(row + "requests answered as expected").isEqualTo(REQUESTS);
        softly.assertThat(events).as(row + "usage events, one per request").hasSize(REQUESTS);
        softly.assertThat(events.stream().map(e -> e.value().requestId()).distinct()).as(row + "distinct requests")
                .hasSize(REQUESTS);
        for (var event : events) {
            var usage = event.value();
            if (interrupted) {
                softly.assertThat(usage.outcome()).as(row + "outcome").isEqualTo(UsageEvent.Outcome.INTERRUPTED);
                softly.assertThat(usage.tokensEstimated()).as(row + "tokens estimated").isTrue();
                softly.assertThat(usage.tokens().output()).as(row + "output tokens").isPositive();
            } else {
                softly.assertThat(usage.tokens().output()).as(row + "output tokens").isEqualTo(5);
            }
        }
        softly.assertThat(added).as(row + "latency added by the fault, ms")
                .isLessThanOrEqualTo(bound.plus(SLACK).toMillis());
    }

    private static long baselineMillis(boolean stream) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            chat("gpt-4o", stream);
            best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
        }
        return best;
    }

    private static ExtractableResponse<Response> chat(String model, boolean stream) {
        return given().auth().oauth2(RouterTestResource.KEY).contentType(ContentType.JSON)
                .body("{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .when().post("/v1/chat/completions")
                .then().extract();
    }

    @AfterAll
    static void printTable() throws IOException {
        var table = new ArrayList<String>();
        table.add(
                "| fault                    | stream | answered          | metered | worst ms | added ms | bound ms |");
        table.add(
                "|--------------------------|--------|-------------------|---------|----------|----------|----------|");
        table.addAll(TABLE);
        var text = String.join("\n", table);
        System.out.println("\nFault injection, " + REQUESTS + " requests per row:\n" + text + "\n");
        Files.writeString(Path.of("target", "fault-injection.md"), text + "\n");
    }
}
