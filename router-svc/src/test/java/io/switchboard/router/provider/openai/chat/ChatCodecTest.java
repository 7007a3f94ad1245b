package io.switchboard.router.provider.openai.chat;

import static io.switchboard.router.provider.openai.chat.ChatWire.bytes;
import static io.switchboard.router.provider.openai.chat.ChatWire.conversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.provider.openai.ReasoningEffort;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.Message;
import io.switchboard.router.translate.Conversation.ReasoningConfig;
import io.switchboard.router.translate.Conversation.Role;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.Conversation.ToolSpec;
import io.switchboard.router.translate.InvalidRequestException;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.UntranslatableException;
import io.vertx.core.buffer.Buffer;

/** Requests: a chat client's body into the internal model, and the internal model into a chat upstream's body. */
class ChatCodecTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ChatCodec codec = new ChatCodec(json);

    private Conversation decode(String body) {
        return codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode tree(Buffer body) throws Exception {
        return json.readTree(body.getBytes());
    }

    @Test
    void aLaterSystemMessageStaysInPlaceAndIsWrittenBackInPlace() {
        // given: instructions first, then a developer message after the assistant's answer
        var body = """
                {"model":"m","messages":[{"role":"system","content":"Be brief."},
                  {"role":"user","content":"Fix it."},{"role":"assistant","content":"Fixed."},
                  {"role":"developer","content":"From now on, explain each change."},
                  {"role":"user","content":"Thanks, and the docs?"}]}""";

        // when
        var conversation = decode(body);
        var encoded = codec.encodeRequest(conversation, "gpt-upstream").toString();

        // then
        assertThat(conversation.system()).containsExactly(new Part.Text("Be brief."));
        assertThat(conversation.messages()).extracting(Message::role).containsExactly(Role.USER,
                Role.ASSISTANT, Role.SYSTEM, Role.USER);
        assertThat(encoded).contains("{\"role\":\"assistant\",\"content\":\"Fixed.\"},{\"role\":\"system\","
                + "\"content\":\"From now on, explain each change.\"}");
    }

    @Test
    void aMultiTurnRequestWithAnImageAndToolsBecomesAConversation() {
        // when
        var conversation = codec.decodeRequest(bytes("request-tools.json"));

        // then: the system prompt stands apart, the two tool messages are one user turn of results
        assertThat(conversation.system()).extracting(Part.Text::text).singleElement().asString()
                .startsWith("You are a travel assistant.");
        assertThat(conversation.messages()).extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT, Role.USER);
        assertThat(conversation.messages().get(0).parts().get(1)).isEqualTo(new Part.Image(null, "image/png",
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        assertThat(conversation.messages().get(1).parts()).containsExactly(
                new Part.ToolCall("call_Wq3R9xCq7LbnZ2dVd1yYQp0a", "get_weather",
                        "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"),
                new Part.ToolCall("call_8mKc2JvTn4PqXs6RbG1hLz5e", "get_local_time",
                        "{\"timezone\":\"Europe/Paris\"}"));
        assertThat(conversation.messages().get(2).parts()).extracting(p -> ((Part.ToolResult) p).callId())
                .containsExactly("call_Wq3R9xCq7LbnZ2dVd1yYQp0a", "call_8mKc2JvTn4PqXs6RbG1hLz5e");
        assertThat(conversation.tools()).extracting(ToolSpec::name).containsExactly("get_weather", "get_local_time");
        assertThat(conversation.toolChoice()).isEqualTo(new ToolChoice(ToolChoice.Mode.AUTO, null));
        assertThat(conversation.parallelToolCalls()).isTrue();
        assertThat(conversation.maxOutputTokens()).isEqualTo(1024);
        assertThat(conversation.temperature()).isEqualTo(0.2);
        // user is a hint and strict has no place in the model: neither stops the translation
        assertThat(conversation.untranslatable()).isEmpty();
    }

    @Test
    void aRequestSurvivesTheRoundTripThroughTheModel() throws Exception {
        // given
        var original = codec.decodeRequest(bytes("request-tools.json"));

        // when
        var body = codec.encodeRequest(original, "gpt-4o-mini");
        var again = codec.decodeRequest(body.getBytes());

        // then: messages, tools and tool call ids come back as they were
        assertThat(again).isEqualTo(original);
        var wire = tree(body);
        assertThat(wire.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(wire.path("messages")).extracting(m -> m.path("role").asText())
                .containsExactly("system", "user", "assistant", "tool", "tool", "assistant", "user");
        assertThat(wire.path("messages").path(2).path("content").isNull()).isTrue();
        assertThat(wire.path("messages").path(4).path("tool_call_id").asText())
                .isEqualTo("call_8mKc2JvTn4PqXs6RbG1hLz5e");
        assertThat(wire.has("stream")).isFalse();
    }

    @Test
    void aStreamedRequestAlwaysAsksForUsage() throws Exception {
        // given: the client did not ask for usage
        var request = decode("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        // when
        var wire = tree(codec.encodeRequest(request, "m"));

        // then: the router still needs the usage chunk to meter the stream
        assertThat(request.streamUsage()).isFalse();
        assertThat(wire.path("stream").asBoolean()).isTrue();
        assertThat(wire.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(decode("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").streamUsage()).isTrue();
    }

    @Test
    void featuresWithoutAPlaceInTheModelAreListedByName() {
        // when
        var conversation = decode("{\"model\":\"m\",\"n\":2,\"logprobs\":true,\"audio\":{\"voice\":\"alloy\"},"
                + "\"modalities\":[\"text\",\"audio\"],\"presence_penalty\":0.5,\"x_unknown\":1,"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
                + "{\"type\":\"custom\",\"custom\":{\"name\":\"g\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"},"
                + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAAA\",\"format\":\"wav\"}}]},"
                + "{\"role\":\"function\",\"name\":\"f\",\"content\":\"1\"}]}");

        // then
        assertThat(conversation.untranslatable()).containsExactlyInAnyOrder("n=2", "logprobs", "audio",
                "modalities=audio", "presence_penalty", "x_unknown", "tools[1].type=custom",
                "messages[0].content[1].type=input_audio", "messages[1].role=function");
        assertThatThrownBy(() -> codec.encodeRequest(conversation, "m"))
                .isInstanceOf(UntranslatableException.class);
    }

    @Test
    void hintsAndSettingsThatChangeNothingAreDropped() {
        // when
        var conversation = decode("{\"model\":\"m\",\"n\":1,\"logprobs\":false,\"seed\":7,\"user\":\"u\","
                + "\"metadata\":{\"k\":\"v\"},\"store\":false,\"service_tier\":\"auto\",\"verbosity\":\"low\","
                + "\"prompt_cache_key\":\"p\",\"safety_identifier\":\"s\",\"frequency_penalty\":0,"
                + "\"logit_bias\":{},\"functions\":null,\"stream_options\":{\"include_obfuscation\":false},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"name\":\"ann\"},"
                + "{\"role\":\"assistant\",\"content\":\"yo\",\"refusal\":null,\"tool_calls\":null,"
                + "\"annotations\":[],\"audio\":null,\"function_call\":null}]}");

        // then
        assertThat(conversation.untranslatable()).isEmpty();
        assertThat(conversation.messages()).hasSize(2);
    }

    @Test
    void optionsMapToTheModel() {
        // when
        var conversation = decode("{\"model\":\"m\",\"max_tokens\":50,\"top_p\":0.9,\"stop\":\"END\","
                + "\"reasoning_effort\":\"low\",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"answer\","
                + "\"schema\":{\"type\":\"object\"},\"strict\":true}},"
                + "\"messages\":[{\"role\":\"developer\",\"content\":[{\"type\":\"text\",\"text\":\"be brief\"}]},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}");

        // then
        assertThat(conversation.maxOutputTokens()).isEqualTo(50);
        assertThat(conversation.topP()).isEqualTo(0.9);
        assertThat(conversation.stopSequences()).containsExactly("END");
        assertThat(conversation.reasoning()).isEqualTo(new ReasoningConfig(true, "low", null));
        assertThat(conversation.toolChoice()).isEqualTo(new ToolChoice(ToolChoice.Mode.NAMED, "f"));
        assertThat(conversation.output())
                .isEqualTo(new Conversation.OutputFormat.JsonSchema("answer", "{\"type\":\"object\"}", true));
        assertThat(conversation.system()).containsExactly(new Part.Text("be brief"));
    }

    // Parameterized tests clash with the Kafka test kit's template extension on this classpath: a table instead.
    @Test
    void aBadRequestNamesTheParameter() {
        var cases = Map.of(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model",
                "{\"model\":\"m\"}", "messages",
                "{\"model\":\"m\",\"messages\":[]}", "messages",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}", "messages[0].role",
                "{\"model\":\"m\",\"messages\":[{\"content\":\"hi\"}]}", "messages[0].role",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}", "messages[0].content",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"1\"}]}",
                "messages[0].tool_call_id",
                "{\"model\":\"m\",\"max_tokens\":\"9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "max_tokens",
                "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{}}],\"messages\":[]}",
                "tools[0].function.name");
        cases.forEach((body, param) -> assertThatThrownBy(() -> decode(body)).as(body)
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.param()).isEqualTo(param)));
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequestThatQuotesNothing() {
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"messages\":[secret")).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @Test
    void anotherApisConversationIsWrittenInChatTerms() throws Exception {
        // given: a free-form tool, thinking with a budget and reasoning from another API
        var conversation = new Conversation(List.of(new Part.Text("sys")),
                List.of(new Message(Role.USER, List.of(new Part.Text("patch it"))),
                        new Message(Role.ASSISTANT, List.of(new Part.Reasoning("hmm", "sig", "anthropic"),
                                new Part.ToolCall("toolu_01", "apply_patch", "{\"input\":\"*** patch\"}"))),
                        new Message(Role.USER, List.of(new Part.ToolResult("toolu_01",
                                List.of(new Part.Text("done")), true), new Part.Text("thanks")))),
                List.of(new ToolSpec("apply_patch", "Applies a patch", null, true)), null, false, 200, null,
                null, List.of(), new Conversation.OutputFormat.JsonObject(), new ReasoningConfig(true, null, 10000),
                true, false, List.of());

        // when
        var wire = tree(codec.encodeRequest(conversation, "gpt-5"));

        // then
        assertThat(wire.path("tools").path(0).path("function").path("parameters").path("properties")
                .path("input").path("type").asText()).isEqualTo("string");
        assertThat(wire.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(wire.path("reasoning_effort").asText()).isEqualTo("medium");
        assertThat(wire.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(wire.path("max_completion_tokens").asInt()).isEqualTo(200);
        var messages = wire.path("messages");
        assertThat(messages).extracting(m -> m.path("role").asText())
                .containsExactly("system", "user", "assistant", "tool", "user");
        assertThat(messages.path(2).has("reasoning_content")).isFalse();
        assertThat(messages.path(2).path("tool_calls").path(0).path("id").asText()).isEqualTo("toolu_01");
        assertThat(messages.path(3).path("content").asText()).isEqualTo("done");
        assertThat(messages.path(4).path("content").asText()).isEqualTo("thanks");
    }

    @Test
    void aToolResultWithAnImageIsRefusedRatherThanShownWithoutIt() {
        // given
        var conversation = conversation(List.of(new Message(Role.USER, List.of(new Part.ToolResult("call_1",
                List.of(new Part.Text("screenshot:"), new Part.Image(null, "image/png", "AAAA")), false)))));

        // then
        assertThatThrownBy(() -> codec.encodeRequest(conversation, "m")).isInstanceOf(UntranslatableException.class);
    }

    @Test
    void aThinkingBudgetBecomesAnEffort() {
        var efforts = Map.of(1024, "low", 4096, "low", 8000, "medium", 16384, "medium", 32000, "high");
        efforts.forEach((budget, effort) -> assertThat(ReasoningEffort.of(
                new ReasoningConfig(true, null, budget))).as("budget %d", budget).isEqualTo(effort));
    }

    @Test
    void thinkingSwitchedOffIsLeftToTheModelUnlessChatNamedIt() {
        assertThat(ReasoningEffort.of(new ReasoningConfig(false, null, null))).isNull();
        assertThat(ReasoningEffort.of(new ReasoningConfig(false, "none", null))).isEqualTo("none");
    }
}
