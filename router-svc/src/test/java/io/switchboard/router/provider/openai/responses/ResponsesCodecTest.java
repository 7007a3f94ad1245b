package io.switchboard.router.provider.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.HostedTool;
import io.switchboard.router.translate.Conversation.Message;
import io.switchboard.router.translate.Conversation.ReasoningConfig;
import io.switchboard.router.translate.Conversation.Role;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.Conversation.ToolSpec;
import io.switchboard.router.translate.InvalidRequestException;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.UntranslatableException;

class ResponsesCodecTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ResponsesCodec codec = new ResponsesCodec(json);

    private Conversation decode(String body) {
        return codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode encode(Conversation conversation) throws Exception {
        return json.readTree(codec.encodeRequest(conversation, "gpt-5-codex").getBytes());
    }

    @Test
    void aCodexRequestTranslatesWholeWithApplyPatchAsAFreeFormTool() {
        // when
        var conversation = codec.decodeRequest(ResponsesFixtures.bytes("request-codex.json"));

        // then: nothing Codex sends stops it from reaching another vendor
        assertThat(conversation.untranslatable()).isEmpty();
        assertThat(conversation.system()).hasSize(2);
        assertThat(conversation.system().get(0).text()).startsWith("You are Codex");
        assertThat(conversation.system().get(1).text()).contains("<permissions instructions>");
        assertThat(conversation.messages()).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT,
                Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT, Role.USER);
        assertThat(conversation.messages().get(0).parts()).hasSize(3).allMatch(Part.Text.class::isInstance);

        // and the first tool round keeps the encrypted reasoning and the call id verbatim
        var firstTurn = conversation.messages().get(1).parts();
        assertThat(firstTurn.get(0)).isInstanceOfSatisfying(Part.Reasoning.class, reasoning -> {
            assertThat(reasoning.text()).startsWith("**Reproducing the failure**");
            assertThat(reasoning.signature()).startsWith("gAAAAAB");
            assertThat(reasoning.origin()).isEqualTo("openai.responses");
        });
        assertThat(firstTurn.get(1)).isEqualTo(new Part.ToolCall("call_Jx4uQ0bW7dM2kR9sT1vY3zA5", "shell",
                "{\"command\":[\"bash\",\"-lc\",\"cargo test -p tally-core parses_negative_amounts\"],"
                        + "\"workdir\":\"/home/dev/tally\",\"timeout_ms\":120000}"));
        assertThat(conversation.messages().get(2).parts().get(0)).isInstanceOfSatisfying(Part.ToolResult.class,
                result -> assertThat(result.callId()).isEqualTo("call_Jx4uQ0bW7dM2kR9sT1vY3zA5"));

        // and apply_patch is a function of one string argument carrying the patch
        var patch = (Part.ToolCall) conversation.messages().get(3).parts().get(1);
        assertThat(patch.name()).isEqualTo("apply_patch");
        assertThat(patch.arguments()).startsWith("{\"input\":\"*** Begin Patch\\n");
        var applyPatch = conversation.tools().get(2);
        assertThat(applyPatch.freeform()).isTrue();
        assertThat(applyPatch.parameters()).contains("\"required\":[\"input\"]").contains("lark grammar");

        // and the settings that shape the answer carry over
        assertThat(conversation.toolChoice()).isEqualTo(new ToolChoice(ToolChoice.Mode.AUTO, null));
        assertThat(conversation.parallelToolCalls()).isFalse();
        assertThat(conversation.reasoning()).isEqualTo(new ReasoningConfig(true, "medium", null));
        assertThat(conversation.stream()).isTrue();
    }

    @Test
    void anSdkRequestWithFunctionToolsReadsWithItsSamplingSettings() {
        // when
        var conversation = codec.decodeRequest(ResponsesFixtures.bytes("request-tools.json"));

        // then: metadata, user and store are hints, not features
        assertThat(conversation.untranslatable()).isEmpty();
        assertThat(conversation.system()).containsExactly(new Part.Text(
                "You are a concise travel assistant. Use the tools for live data."));
        assertThat(conversation.messages()).containsExactly(new Message(Role.USER, List.of(new Part.Text(
                "What's the weather in Paris and in Tokyo right now, in celsius?"))));
        assertThat(conversation.tools()).extracting(ToolSpec::name).containsExactly("get_weather", "get_local_time");
        assertThat(conversation.tools().get(0).parameters()).startsWith("{\"type\":\"object\",\"properties\":");
        assertThat(conversation.temperature()).isEqualTo(0.2);
        assertThat(conversation.topP()).isEqualTo(0.9);
        assertThat(conversation.maxOutputTokens()).isEqualTo(1024);
        assertThat(conversation.output()).isNull();
        assertThat(conversation.stream()).isFalse();
    }

    @Test
    void aStringInputIsOneUserTurnAndToolOutputsMayCarryImages() {
        // when
        var plain = decode("{\"model\":\"gpt-4.1\",\"input\":\"hello\"}");
        var withImage = decode("{\"model\":\"gpt-4.1\",\"input\":[{\"type\":\"function_call_output\","
                + "\"call_id\":\"call_1\",\"output\":[{\"type\":\"input_text\",\"text\":\"screenshot\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,iVBORw0K\"}]}]}");

        // then
        assertThat(plain.messages()).containsExactly(new Message(Role.USER, List.of(new Part.Text("hello"))));
        assertThat(withImage.messages()).containsExactly(new Message(Role.USER, List.of(new Part.ToolResult(
                "call_1", List.of(new Part.Text("screenshot"), new Part.Image(null, "image/png", "iVBORw0K")),
                false))));
    }

    @Test
    void featuresOnlyOpenAiCanServeAreListedByTheirNames() throws Exception {
        // given: a Codex request using OpenAI's own web search, stored state and a file, plus a field we do not know
        var body = (ObjectNode) json.readTree(ResponsesFixtures.bytes("request-codex.json"));
        body.withArray("tools").addObject().put("type", "web_search");
        body.put("previous_response_id", "resp_123").put("background", true).put("x_experimental", 1);
        body.withArray("input").addObject().put("type", "item_reference").put("id", "msg_1");
        body.withArray("input").addObject().put("role", "user").putArray("content").addObject()
                .put("type", "input_file").put("file_id", "file-abc");
        body.put("tool_choice", json.createObjectNode().put("type", "allowed_tools"));

        // when
        var conversation = decode(body.toString());

        // then
        assertThat(conversation.untranslatable()).containsExactlyInAnyOrder("previous_response_id",
                "background=true", "x_experimental", "input[12].type=item_reference",
                "input[13].content[0].type=input_file", "tool_choice.type=allowed_tools");
        assertThat(conversation.hostedTools()).extracting(HostedTool::feature)
                .containsExactly("tools[4].type=web_search");
    }

    @Test
    void namespacedToolsAndTheirCallsAreFlattenedAndCallsGoBackUnderTheirNamespace() {
        // given: Codex's multi-agent namespace, a call of it in the history, and a developer message mid-way
        var body = """
                {"model":"m","tools":[{"type":"function","name":"exec_command","parameters":{"type":"object"}},
                  {"type":"namespace","name":"multi_agent_v1","description":"agents","tools":[
                    {"type":"function","name":"spawn_agent","parameters":{"type":"object"}}]},
                  {"type":"web_search","external_web_access":false}],
                 "input":[{"type":"message","role":"developer","content":"be careful"},
                  {"type":"message","role":"user","content":"review it"},
                  {"type":"function_call","call_id":"call_1","name":"spawn_agent","namespace":"multi_agent_v1",
                   "arguments":"{}"},
                  {"type":"function_call_output","call_id":"call_1","output":"agent started"},
                  {"type":"message","role":"developer","content":"approval policy is now never"}]}""";

        // when
        var conversation = decode(body);
        var reply = codec.encodeReply(new Reply("r", "m", List.of(new Part.ToolCall("call_2",
                "multi_agent_v1__spawn_agent", "{}")), StopReason.TOOL_USE, Tokens.NONE), conversation, "m")
                .toString();

        // then
        assertThat(conversation.tools()).extracting(ToolSpec::name).containsExactly("exec_command",
                "multi_agent_v1__spawn_agent");
        assertThat(conversation.system()).containsExactly(new Part.Text("be careful"));
        assertThat(conversation.messages()).containsExactly(
                new Message(Role.USER, List.of(new Part.Text("review it"))),
                new Message(Role.ASSISTANT, List.of(new Part.ToolCall("call_1", "multi_agent_v1__spawn_agent", "{}"))),
                new Message(Role.USER, List.of(new Part.ToolResult("call_1", List.of(new Part.Text("agent started")),
                        false))),
                new Message(Role.SYSTEM, List.of(new Part.Text("approval policy is now never"))));
        assertThat(conversation.hostedTools()).containsExactly(new HostedTool("tools[2].type=web_search",
                "web_search"));
        assertThat(reply).contains("\"name\":\"spawn_agent\",\"namespace\":\"multi_agent_v1\"");
    }

    @Test
    void aSystemTurnIsWrittenUpstreamAsADeveloperItemInPlace() throws Exception {
        // given: Claude Code's agent list after the user's turn, as the Messages API decodes it
        var conversation = new Conversation(List.of(new Part.Text("You are Claude Code.")), List.of(
                new Message(Role.USER, List.of(new Part.Text("Review it."))),
                new Message(Role.SYSTEM, List.of(new Part.Text("Agent types: Explore")))), List.of(), null, null,
                null, null, null, List.of(), null, null, false, false, List.of());

        // when
        var input = json.readTree(codec.encodeRequest(conversation, "gpt-upstream").getBytes()).path("input");

        // then
        assertThat(input).extracting(item -> item.path("role").asText()).containsExactly("user", "developer");
        assertThat(input.get(1).at("/content/0/text").asText()).isEqualTo("Agent types: Explore");
    }

    @Test
    void aBadRequestIsRefusedNamingTheParameter() {
        // given: a body and the parameter the refusal must name, per mistake
        var cases = new String[][]{
                {"{\"input\":\"hi\"}", "model"},
                {"{\"model\":\"m\"}", "input"},
                {"{\"model\":\"m\",\"input\":42}", "input"},
                {"{\"model\":\"m\",\"input\":[{\"type\":\"function_call\",\"name\":\"f\"}]}", "input[0].call_id"},
                {"{\"model\":\"m\",\"input\":[{\"role\":\"robot\",\"content\":\"x\"}]}", "input[0].role"},
                {"{\"model\":\"m\",\"input\":\"hi\",\"tools\":{}}", "tools"},
                {"{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\"}]}", "tools[0].name"},
                {"{\"model\":\"m\",\"input\":\"hi\",\"tool_choice\":\"often\"}", "tool_choice"},
                {"{\"model\":\"m\",\"input\":\"hi\",\"max_output_tokens\":-1}", "max_output_tokens"},
                {"{\"model\":\"m\",\"input\":\"hi\",\"temperature\":\"hot\"}", "temperature"},
                {"{\"model\":\"m\",\"input\":\"hi\",\"stream\":\"yes\"}", "stream"},
                {"{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"xml\"}}}", "text.format.type"},
                {"{\"model\":\"m\",\"input\":\"hi\",\"reasoning\":{\"effort\":\"max\"}}", "reasoning.effort"},
                {"{\"model\":", null},
                {"[1,2]", null}};

        for (var given : cases) {
            // when / then
            assertThatThrownBy(() -> decode(given[0])).as(given[0]).isInstanceOfSatisfying(
                    InvalidRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.param()).isEqualTo(given[1]);
                    });
        }
    }

    @Test
    void aCodexRequestGoesBackUpstreamStatelessWithItsOwnReasoning() throws Exception {
        // given
        var conversation = codec.decodeRequest(ResponsesFixtures.bytes("request-codex.json"));

        // when
        var body = encode(conversation);

        // then: the history is carried whole, in order, with no ids that would make OpenAI look up stored items
        assertThat(body.path("store").asBoolean(true)).isFalse();
        assertThat(body.path("include").toString()).isEqualTo("[\"reasoning.encrypted_content\"]");
        assertThat(body.path("instructions").asText()).startsWith("You are Codex");
        var types = new ArrayList<String>();
        body.path("input").forEach(item -> types.add(item.path("type").asText()));
        assertThat(types).containsExactly("message", "message", "reasoning", "function_call",
                "function_call_output", "reasoning", "custom_tool_call", "custom_tool_call_output", "message",
                "message");
        assertThat(body.path("input").findValues("id")).isEmpty();
        assertThat(body.path("input").get(6).path("input").asText())
                .startsWith("*** Begin Patch\n*** Update File: src/parser.rs");
        assertThat(body.path("input").get(2).path("encrypted_content").asText()).startsWith("gAAAAAB");
        assertThat(body.path("tools").get(2).path("type").asText()).isEqualTo("custom");
        assertThat(body.path("tools").get(0).path("strict").asBoolean(true)).isFalse();
        assertThat(body.path("reasoning").path("effort").asText()).isEqualTo("medium");
        assertThat(body.path("model").asText()).isEqualTo("gpt-5-codex");

        // and read again, it is the same conversation
        var again = decode(body.toString());
        assertThat(again.system()).isEqualTo(conversation.system());
        assertThat(again.messages()).isEqualTo(conversation.messages());
        assertThat(again.tools()).extracting(ToolSpec::name, ToolSpec::freeform).containsExactlyElementsOf(
                conversation.tools().stream().map(t -> org.assertj.core.groups.Tuple.tuple(t.name(), t.freeform()))
                        .toList());
    }

    @Test
    void aConversationFromAnotherVendorLeavesItsReasoningBehind() throws Exception {
        // given: an Anthropic-style turn with signed thinking, an image and a budget
        var conversation = new Conversation(List.of(new Part.Text("Be brief.")), List.of(
                new Message(Role.USER, List.of(new Part.Text("What is in this picture?"),
                        new Part.Image(null, "image/jpeg", "/9j/4AAQ"))),
                new Message(Role.ASSISTANT, List.of(new Part.Reasoning("A cat, probably.", "sig-anthropic",
                        "anthropic.messages"), new Part.ToolCall("toolu_01", "zoom", "{\"x\":1}"))),
                new Message(Role.USER, List.of(new Part.ToolResult("toolu_01", List.of(new Part.Text("zoomed"),
                        new Part.Image("https://example.com/z.png", null, null)), false)))),
                List.of(new ToolSpec("zoom", null, "{\"type\":\"object\"}", false)),
                new ToolChoice(ToolChoice.Mode.NAMED, "zoom"), null, 512, null, null, List.of(), null,
                new ReasoningConfig(true, null, 10_000), false, false, List.of());

        // when
        var body = encode(conversation);

        // then
        assertThat(body.path("input").findValues("encrypted_content")).isEmpty();
        assertThat(body.path("input").findValuesAsText("type")).doesNotContain("reasoning");
        assertThat(body.path("input").get(0).path("content").get(1).path("image_url").asText())
                .isEqualTo("data:image/jpeg;base64,/9j/4AAQ");
        assertThat(body.path("input").get(1).path("call_id").asText()).isEqualTo("toolu_01");
        assertThat(body.path("input").get(2).path("output").get(1).path("image_url").asText())
                .isEqualTo("https://example.com/z.png");
        assertThat(body.path("tool_choice").toString()).isEqualTo("{\"type\":\"function\",\"name\":\"zoom\"}");
        assertThat(body.path("reasoning").path("effort").asText()).isEqualTo("medium");
        assertThat(body.path("max_output_tokens").asInt()).isEqualTo(512);
    }

    @Test
    void stopSequencesCannotBeSentToTheResponsesApi() {
        var conversation = new Conversation(List.of(), List.of(new Message(Role.USER, List.of(new Part.Text("hi")))),
                List.of(), null, null, null, null, null, List.of("END"), null, null, false, false, List.of());

        assertThatThrownBy(() -> codec.encodeRequest(conversation, "gpt-4.1"))
                .isInstanceOfSatisfying(UntranslatableException.class, e -> assertThat(e.feature()).isEqualTo(
                        "stop"));
    }

    @Test
    void aCallOfAFreeFormToolGoesBackAsACustomCallWithItsText() throws Exception {
        // given: apply_patch as a model of another vendor called it, with its result
        var conversation = new Conversation(List.of(), List.of(
                new Message(Role.USER, List.of(new Part.Text("patch it"))),
                new Message(Role.ASSISTANT, List.of(new Part.ToolCall("toolu_9", "apply_patch",
                        "{\"input\":\"*** Begin Patch\\n*** End Patch\\n\"}"))),
                new Message(Role.USER, List.of(new Part.ToolResult("toolu_9", List.of(new Part.Text("Done")),
                        false)))),
                List.of(new ToolSpec("apply_patch", "edit files", ResponsesFreeform.schema(null), true)), null,
                null, null, null, null, List.of(), null, null, true, true, List.of());

        // when
        var input = encode(conversation).path("input");

        // then
        assertThat(input.get(1).path("type").asText()).isEqualTo("custom_tool_call");
        assertThat(input.get(1).path("input").asText()).isEqualTo("*** Begin Patch\n*** End Patch\n");
        assertThat(input.get(2).path("type").asText()).isEqualTo("custom_tool_call_output");
        assertThat(input.get(2).path("output").asText()).isEqualTo("Done");
    }
}
