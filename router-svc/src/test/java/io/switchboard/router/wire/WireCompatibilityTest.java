package io.switchboard.router.wire;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Topics;
import io.switchboard.events.UsageEvent;
import io.switchboard.router.RouterTestResource;
import io.switchboard.router.provider.anthropic.MessagesCodec;
import io.switchboard.router.provider.gemini.GeminiCodec;
import io.switchboard.router.provider.openai.chat.ChatCodec;
import io.switchboard.router.provider.openai.responses.ResponsesCodec;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.translate.UpstreamCodec;

/**
 * Every inbound API against every provider API, JSON and streaming, with tools: the client's recorded request goes
 * through the router to a fake vendor that answers with the recorded reply of its own API, and the client gets a
 * valid answer in its own format, with the vendor's tool call id, metered with the vendor's usage.
 */
@QuarkusTest
@WithTestResource(RouterTestResource.class)
class WireCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The inbound APIs: endpoint, fixture directory. */
    private static final List<String[]> CLIENTS = List.of(
            new String[]{"/v1/chat/completions", "openai-chat"},
            new String[]{"/v1/responses", "openai-responses"},
            new String[]{"/v1/messages", "anthropic-messages"});

    /** The providers: public model, the API the vendor answers in. */
    private static final List<String[]> PROVIDERS = List.of(
            new String[]{"via-openai", "openai-chat"},
            new String[]{"via-compatible", "openai-chat"},
            new String[]{"via-azure", "openai-chat"},
            new String[]{"via-anthropic", "anthropic-messages"},
            new String[]{"via-gemini", "gemini"});

    @BeforeEach
    void reset() {
        RouterTestResource.vendor.reset();
    }

    @Test
    void everyClientApiReachesEveryProviderApi() throws Exception {
        var softly = new SoftAssertions();
        for (var client : CLIENTS) {
            for (var provider : PROVIDERS) {
                for (boolean stream : new boolean[]{false, true}) {
                    var upstreamApi = upstreamApiOf(client[1], provider);
                    var pair = client[1] + " -> " + provider[0] + " (" + upstreamApi + ")"
                            + (stream ? " streaming" : "");
                    // given: the client's recorded request with tools, for this provider's model
                    var request = (ObjectNode) JSON.readTree(FakeVendor.fixture(client[1], "request-tools.json"));
                    request.put("model", provider[0]).put("stream", stream);
                    var expected = stream
                            ? streamed(upstreamApi)
                            : upstreamCodec(upstreamApi).decodeReply(FakeVendor.fixture(upstreamApi,
                                    "reply-tools.json"));

                    // when
                    var response = given().header("x-api-key", RouterTestResource.KEY)
                            .header("anthropic-version", "2023-06-01").contentType(ContentType.JSON)
                            .body(JSON.writeValueAsBytes(request)).when().post(client[0]).then().extract();

                    // then
                    softly.assertThat(response.statusCode()).as(pair + ": " + response.asString()).isEqualTo(200);
                    if (response.statusCode() != 200) {
                        continue;
                    }
                    var body = response.asString();
                    var callIds = toolCallIds(expected);
                    softly.assertThat(callIds).as(pair + ": the fixture has tool calls").isNotEmpty();
                    if (stream) {
                        softly.assertThat(response.contentType()).as(pair).startsWith("text/event-stream");
                        callIds.forEach(id -> softly.assertThat(body).as(pair + " carries the tool call id")
                                .contains(id));
                        softly.assertThat(lastEventOf(body)).as(pair + " ends as its API ends a stream")
                                .contains(streamEnd(client[1]));
                    } else {
                        softly.assertThat(toolCallIdsIn(client[1], JSON.readTree(body))).as(pair)
                                .containsExactlyElementsOf(callIds);
                    }
                    var event = usageEventOf(response.header("x-switchboard-request-id"));
                    softly.assertThat(event.tokens()).as(pair + " metered with the vendor's usage")
                            .isEqualTo(expected.usage());
                    softly.assertThat(event.api()).as(pair).isEqualTo(apiName(client[1]));
                    softly.assertThat(RouterTestResource.vendor.last().headers()).as(pair + " keyed upstream")
                            .containsValue(upstreamAuth(provider[0]));
                }
            }
        }
        softly.assertAll();
    }

    /** The vendor answers in the client's API where it speaks it (pass-through), else in its own. */
    private static String upstreamApiOf(String clientApi, String[] provider) {
        boolean openAi = provider[0].equals("via-openai") || provider[0].equals("via-azure");
        if (clientApi.equals("openai-responses") && openAi) {
            return "openai-responses";
        }
        return provider[1];
    }

    private static UpstreamCodec upstreamCodec(String api) {
        return switch (api) {
            case "openai-chat" -> new ChatCodec(JSON);
            case "openai-responses" -> new ResponsesCodec(JSON);
            case "anthropic-messages" -> new MessagesCodec(JSON);
            default -> new GeminiCodec(JSON);
        };
    }

    /** The recorded stream of the vendor's API, read by its codec: its tool calls and its usage. */
    private static Reply streamed(String api) {
        var events = Fixtures.decode(upstreamCodec(api).streamDecoder(), Fixtures.text(api, "stream-tools.sse"));
        var calls = events.stream().filter(e -> e instanceof StreamEvent.BlockStarted started
                && started.block() instanceof Part.ToolCall).map(e -> ((StreamEvent.BlockStarted) e).block())
                .toList();
        var usage = events.stream().filter(e -> e instanceof StreamEvent.Finished)
                .map(e -> ((StreamEvent.Finished) e).usage()).findFirst().orElseThrow();
        return new Reply("", "", calls, StopReason.TOOL_USE, usage);
    }

    private static List<String> toolCallIds(Reply reply) {
        return reply.content().stream().filter(p -> p instanceof Part.ToolCall).map(p -> ((Part.ToolCall) p).id())
                .toList();
    }

    private static List<String> toolCallIdsIn(String clientApi, JsonNode body) {
        var ids = new ArrayList<String>();
        switch (clientApi) {
            case "openai-chat" -> body.path("choices").path(0).path("message").path("tool_calls")
                    .forEach(call -> ids.add(call.path("id").asText()));
            case "openai-responses" -> body.path("output").forEach(item -> {
                if (item.path("type").asText().endsWith("call")) {
                    ids.add(item.path("call_id").asText());
                }
            });
            default -> body.path("content").forEach(block -> {
                if (block.path("type").asText().equals("tool_use")) {
                    ids.add(block.path("id").asText());
                }
            });
        }
        return ids;
    }

    private static String streamEnd(String clientApi) {
        return switch (clientApi) {
            case "openai-chat" -> "data: [DONE]";
            case "openai-responses" -> "response.completed";
            default -> "message_stop";
        };
    }

    private static String apiName(String fixtureDir) {
        return switch (fixtureDir) {
            case "openai-chat" -> UsageEvent.Api.OPENAI_CHAT;
            case "openai-responses" -> UsageEvent.Api.OPENAI_RESPONSES;
            default -> UsageEvent.Api.ANTHROPIC_MESSAGES;
        };
    }

    private static String upstreamAuth(String model) {
        return switch (model) {
            case "via-openai", "via-compatible" -> "Bearer sk-upstream-test";
            default -> "sk-upstream-test";
        };
    }

    private static String lastEventOf(String body) {
        var events = body.strip().split("\n\n");
        return events[events.length - 1];
    }

    static UsageEvent usageEventOf(String requestId) {
        var matching = RouterTestResource.broker().readMatching(Topics.USAGE, UsageEvent.class,
                event -> event.requestId().equals(requestId), Duration.ofSeconds(10));
        assertThat(matching).as("usage events of request %s", requestId).hasSize(1);
        return matching.get(0).value();
    }
}
