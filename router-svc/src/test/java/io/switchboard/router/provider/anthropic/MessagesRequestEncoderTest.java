package io.switchboard.router.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.Message;
import io.switchboard.router.translate.Conversation.ReasoningConfig;
import io.switchboard.router.translate.Conversation.Role;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.Conversation.ToolSpec;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.UntranslatableException;

class MessagesRequestEncoderTest {

    private final ObjectMapper json = new ObjectMapper();
    private final MessagesCodec codec = new MessagesCodec(json);

    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "Weather",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}", false);

    private static Conversation conversation(List<Message> messages, List<ToolSpec> tools, ToolChoice choice,
            Integer max, Double temperature, ReasoningConfig reasoning) {
        return new Conversation(List.of(new Part.Text("Be brief.")), messages, tools, choice, null, max, temperature,
                null, List.of(), null, reasoning, false, false, List.of());
    }

    private JsonNode encode(Conversation conversation) throws Exception {
        return json.readTree(codec.encodeRequest(conversation, "claude-sonnet-4-5").getBytes());
    }

    @Test
    void systemTurnsJoinTheSystemPromptInOrder() throws Exception {
        // given: developer messages between the assistant's answer and the user's next words, two in a row
        var messages = List.of(
                new Message(Role.USER, List.of(new Part.Text("Fix the test."))),
                new Message(Role.ASSISTANT, List.of(new Part.Text("Done."))),
                new Message(Role.SYSTEM, List.of(new Part.Text("Approval policy is now never."))),
                new Message(Role.SYSTEM, List.of(new Part.Text("Sandbox is read-only."))),
                new Message(Role.USER, List.of(new Part.Text("Now commit it."))));

        // when
        var body = encode(conversation(messages, List.of(), null, null, null, null));

        // then: alternating turns only, every Claude accepts them; the instructions after the system prompt
        assertThat(body.path("messages")).extracting(t -> t.path("role").asText()).containsExactly("user",
                "assistant", "user");
        assertThat(body.path("system")).extracting(b -> b.path("text").asText()).containsExactly("Be brief.",
                "Approval policy is now never.", "Sandbox is read-only.");
    }

    @Test
    void anotherApisHistoryBecomesAlternatingTurnsWithToolResultsFirst() throws Exception {
        // given: a chat-completions history: a call with an id Anthropic would refuse, its result as a separate
        // tool message, then the user's next words; and reasoning another provider issued
        var messages = List.of(
                new Message(Role.USER, List.of(new Part.Text("Weather in Paris?"))),
                new Message(Role.ASSISTANT, List.of(new Part.Reasoning("thinking...", "enc", "openai.responses"),
                        new Part.Text(""), new Part.ToolCall("functions.get_weather:0", "get_weather",
                                "{\"city\":\"Paris\"}"))),
                new Message(Role.USER, List.of(new Part.ToolResult("functions.get_weather:0",
                        List.of(new Part.Text("12C")), false))),
                new Message(Role.USER, List.of(new Part.Text("And tomorrow?"))));

        // when
        var body = encode(conversation(messages, List.of(WEATHER), null, null, null, null));

        // then
        var turns = body.path("messages");
        assertThat(turns).hasSize(3);
        assertThat(turns.get(1).path("content")).hasSize(1);
        var call = turns.get(1).path("content").get(0);
        assertThat(call.path("type").asText()).isEqualTo("tool_use");
        assertThat(call.path("id").asText()).matches("^[a-zA-Z0-9_-]+$").startsWith("functions_get_weather_0_");
        assertThat(call.path("input")).isEqualTo(json.readTree("{\"city\":\"Paris\"}"));
        var user = turns.get(2).path("content");
        assertThat(user.get(0).path("type").asText()).isEqualTo("tool_result");
        assertThat(user.get(0).path("tool_use_id").asText()).isEqualTo(call.path("id").asText());
        assertThat(user.get(0).path("content").asText()).isEqualTo("12C");
        assertThat(user.get(1).path("text").asText()).isEqualTo("And tomorrow?");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(MessagesReasoning.DEFAULT_MAX_TOKENS);
        assertThat(body.path("system").get(0).path("text").asText()).isEqualTo("Be brief.");
        assertThat(body.has("stream")).isFalse();
    }

    @Test
    void validIdsPassVerbatimAndForeignOnesMapTheSameEveryTime() {
        assertThat(MessagesWire.toolId("call_abc-123")).isEqualTo("call_abc-123");
        assertThat(MessagesWire.toolId("a.b")).isEqualTo(MessagesWire.toolId("a.b"))
                .isNotEqualTo(MessagesWire.toolId("a:b")).matches("^[a-zA-Z0-9_-]+$");
        assertThat(MessagesWire.toolId("")).matches("^[a-zA-Z0-9_-]+$");
    }

    @Test
    void thinkingTurnsOnWithABudgetBelowTheCap() throws Exception {
        var high = encode(conversation(List.of(new Message(Role.USER, List.of(new Part.Text("hi")))), List.of(),
                null, null, 0.7, new ReasoningConfig(true, "high", null)));
        var tooBig = encode(conversation(List.of(new Message(Role.USER, List.of(new Part.Text("hi")))), List.of(),
                null, 4000, null, new ReasoningConfig(true, null, 10_000)));
        var tooSmall = encode(conversation(List.of(new Message(Role.USER, List.of(new Part.Text("hi")))), List.of(),
                null, 1500, null, new ReasoningConfig(true, "low", null)));
        var off = encode(conversation(List.of(new Message(Role.USER, List.of(new Part.Text("hi")))), List.of(),
                null, 100, 0.2, new ReasoningConfig(false, null, null)));

        // then: a budget per effort, room for an answer, and no temperature (Anthropic refuses it with thinking)
        assertThat(high.path("thinking")).isEqualTo(json.readTree("{\"type\":\"enabled\",\"budget_tokens\":16384}"));
        assertThat(high.path("max_tokens").asInt()).isEqualTo(16384 + 8192);
        assertThat(high.has("temperature")).isFalse();
        assertThat(tooBig.path("thinking").path("budget_tokens").asInt()).isEqualTo(2000);
        assertThat(tooBig.path("max_tokens").asInt()).isEqualTo(4000);
        assertThat(tooSmall.has("thinking")).isFalse();
        assertThat(off.path("thinking").path("type").asText()).isEqualTo("disabled");
        assertThat(off.path("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void aForcedToolOrAnUnsignedToolLoopLeavesThinkingOff() throws Exception {
        var forced = encode(conversation(List.of(new Message(Role.USER, List.of(new Part.Text("hi")))),
                List.of(WEATHER), new ToolChoice(ToolChoice.Mode.NAMED, "get_weather"), null, null,
                new ReasoningConfig(true, "medium", null)));
        var loop = encode(conversation(List.of(
                new Message(Role.USER, List.of(new Part.Text("hi"))),
                new Message(Role.ASSISTANT, List.of(new Part.ToolCall("call_1", "get_weather", "{}"))),
                new Message(Role.USER, List.of(new Part.ToolResult("call_1", List.of(), false)))),
                List.of(WEATHER), null, null, null, new ReasoningConfig(true, "medium", null)));

        assertThat(forced.has("thinking")).isFalse();
        assertThat(forced.path("tool_choice")).isEqualTo(json.readTree("{\"type\":\"tool\",\"name\":\"get_weather\"}"));
        assertThat(loop.has("thinking")).isFalse();
    }

    @Test
    void anthropicsOwnThinkingGoesBackVerbatim() throws Exception {
        // given: Claude Code's request, translated and sent on to Anthropic again (say, by a fallback chain)
        var original = json.readTree(WireFixtures.bytes("request-claude-code.json"));
        var conversation = codec.decodeRequest(WireFixtures.bytes("request-claude-code.json"));

        // when
        var body = encode(conversation);

        // then: the assistant turns (thinking signatures, tool ids and inputs) are Anthropic's own
        for (int i = 1; i < original.path("messages").size(); i += 2) {
            assertThat(body.path("messages").get(i)).as("message %d", i).isEqualTo(original.path("messages").get(i));
        }
        assertThat(body.path("tools")).hasSize(24);
        assertThat(body.path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(32000);
        assertThat(body.path("stream").asBoolean()).isTrue();
        // and the encoder's output reads back with the decoder
        var again = codec.decodeRequest(json.writeValueAsBytes(body));
        assertThat(again.messages()).isEqualTo(conversation.messages());
        assertThat(again.tools()).isEqualTo(conversation.tools());
    }

    @Test
    void jsonObjectOutputIsRefusedAndASchemaIsStructuredOutput() throws Exception {
        var messages = List.of(new Message(Role.USER, List.of(new Part.Text("hi"))));
        var anyObject = new Conversation(List.of(), messages, List.of(), null, null, null, null, null, List.of(),
                new Conversation.OutputFormat.JsonObject(), null, false, false, List.of());
        var schema = new Conversation(List.of(), messages, List.of(), null, null, null, null, null, List.of(),
                new Conversation.OutputFormat.JsonSchema("answer", "{\"type\":\"object\"}", true), null, false,
                false, List.of());

        assertThatThrownBy(() -> codec.encodeRequest(anyObject, "m"))
                .isInstanceOfSatisfying(UntranslatableException.class,
                        e -> assertThat(e.feature()).isEqualTo("response_format=json_object"));
        assertThat(encode(schema).path("output_config"))
                .isEqualTo(json.readTree("{\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}}"));
    }

    @Test
    void freeformToolsImagesAndBrokenArguments() throws Exception {
        // given: an OpenAI custom tool, its raw-text call, a call cut short, a data URL image
        var patch = new ToolSpec("apply_patch", "Apply a patch", null, true);
        var messages = new ArrayList<Message>();
        messages.add(new Message(Role.USER, List.of(new Part.Image("data:image/jpeg;base64,/9j/4AAQ", null, null))));
        messages.add(new Message(Role.ASSISTANT, List.of(new Part.ToolCall("call_1", "apply_patch", "*** Begin"),
                new Part.ToolCall("call_2", "get_weather", "{\"city\":\"Par"))));
        var conversation = new Conversation(List.of(), messages, List.of(WEATHER, patch), null, false, null, null,
                null, List.of(), null, null, true, false, List.of());

        // when
        var body = encode(conversation);

        // then
        assertThat(body.path("tools").get(1).path("input_schema")).isEqualTo(json.readTree(
                "{\"type\":\"object\",\"properties\":{\"input\":{\"type\":\"string\"}},\"required\":[\"input\"]}"));
        assertThat(body.path("tool_choice"))
                .isEqualTo(json.readTree("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
        assertThat(body.path("messages").get(0).path("content").get(0).path("source")).isEqualTo(json.readTree(
                "{\"type\":\"base64\",\"media_type\":\"image/jpeg\",\"data\":\"/9j/4AAQ\"}"));
        var calls = body.path("messages").get(1).path("content");
        assertThat(calls.get(0).path("input")).isEqualTo(json.readTree("{\"input\":\"*** Begin\"}"));
        assertThat(calls.get(1).path("input"))
                .isEqualTo(json.readTree("{\"raw_arguments\":\"{\\\"city\\\":\\\"Par\"}"));
        assertThat(body.path("stream").asBoolean()).isTrue();
    }
}
