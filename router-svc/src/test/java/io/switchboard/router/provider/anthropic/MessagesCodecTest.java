package io.switchboard.router.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.ReasoningConfig;
import io.switchboard.router.translate.Conversation.Role;
import io.switchboard.router.translate.Conversation.ToolChoice;
import io.switchboard.router.translate.InvalidRequestException;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.WireException;

class MessagesCodecTest {

    private final ObjectMapper json = new ObjectMapper();
    private final MessagesCodec codec = new MessagesCodec(json);

    private Conversation decode(String body) {
        return codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void claudeCodeTrafficTranslatesWithItsHintsDropped() {
        // given: a Claude Code turn in the middle of a tool loop
        var body = WireFixtures.bytes("request-claude-code.json");

        // when
        var conversation = codec.decodeRequest(body);

        // then: nothing refused, so it can go to any other API
        assertThat(conversation.untranslatable()).isEmpty();
        // the billing attribution is not an instruction; the rest of the system prompt is
        assertThat(conversation.system()).hasSize(2)
                .noneMatch(text -> text.text().contains("x-anthropic-billing-header"));
        assertThat(conversation.system().get(0).text()).startsWith("You are Claude Code");
        assertThat(conversation.tools()).hasSize(24).extracting(Conversation.ToolSpec::name)
                .contains("Bash", "Read", "Edit", "Write", "Glob", "Grep", "Task", "TodoWrite", "WebFetch",
                        "WebSearch");
        assertThat(conversation.maxOutputTokens()).isEqualTo(32000);
        assertThat(conversation.stream()).isTrue();
        assertThat(conversation.reasoning()).isEqualTo(new ReasoningConfig(true, "high", null));
        assertThat(conversation.messages()).extracting(Conversation.Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT,
                        Role.USER);
    }

    @Test
    void claudeCodeToolLoopKeepsIdsThinkingAndErrors() throws Exception {
        var conversation = codec.decodeRequest(WireFixtures.bytes("request-claude-code.json"));

        var assistant = conversation.messages().get(1).parts();
        assertThat(assistant.get(0)).isInstanceOfSatisfying(Part.Reasoning.class, reasoning -> {
            assertThat(reasoning.origin()).isEqualTo("anthropic.messages");
            assertThat(reasoning.signature()).isNotBlank();
            assertThat(reasoning.text()).startsWith("The user changed Router.java");
        });
        var call = (Part.ToolCall) assistant.get(2);
        assertThat(call.id()).isEqualTo("toolu_01A9XqvZ3nE2bM8cKp4TfR7w");
        assertThat(call.name()).isEqualTo("Bash");
        assertThat(json.readTree(call.arguments()).path("command").asText()).startsWith("git diff");

        var results = conversation.messages().get(4).parts();
        assertThat(results.get(1)).isInstanceOfSatisfying(Part.ToolResult.class, result -> {
            assertThat(result.callId()).isEqualTo("toolu_01Kx7cV3bN5mL1qW9eR4tY6u");
            assertThat(result.error()).isTrue();
            assertThat(((Part.Text) result.content().get(0)).text()).contains("expected status 404");
        });
    }

    @Test
    void anSdkRequestWithToolsAndImages() {
        var conversation = codec.decodeRequest(WireFixtures.bytes("request-tools.json"));

        assertThat(conversation.system()).containsExactly(
                new Part.Text("You are a helpful assistant for a weather service."));
        assertThat(conversation.tools()).extracting(Conversation.ToolSpec::name)
                .containsExactly("get_weather", "get_time");
        assertThat(conversation.toolChoice()).isEqualTo(new ToolChoice(ToolChoice.Mode.AUTO, null));
        assertThat(conversation.parallelToolCalls()).isFalse();
        assertThat(conversation.temperature()).isEqualTo(0.3);
        assertThat(conversation.stopSequences()).containsExactly("END");
        assertThat(conversation.stream()).isFalse();
        assertThat(conversation.reasoning()).isNull();
        var first = conversation.messages().get(0).parts();
        assertThat(first.get(0)).isEqualTo(new Part.Image(null, "image/png",
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        assertThat(first.get(1)).isInstanceOfSatisfying(Part.Image.class,
                image -> assertThat(image.url()).startsWith("https://upload.wikimedia.org/"));
        assertThat(conversation.messages().get(2).parts().get(0)).isEqualTo(new Part.ToolResult(
                "toolu_01A09q90qw90lq917835lq9", List.of(new Part.Text("15 degrees, light fog")), false));
        assertThat(conversation.untranslatable()).isEmpty();
    }

    @Test
    void featuresOnlyAnthropicHasAreListedByTheirPath() {
        // given
        var body = """
                {"model":"claude-sonnet-4-5","max_tokens":100,
                 "messages":[
                   {"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"}},
                                             {"type":"image","source":{"type":"file","file_id":"file_01"}}]},
                   {"role":"assistant","content":[{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}},
                                                  {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"search_result","source":"s","title":"t","content":[]}]},
                                             {"type":"container_upload","file_id":"file_02"}]}],
                 "tools":[{"name":"ok","input_schema":{"type":"object"}},
                          {"type":"web_search_20250305","name":"web_search"},
                          {"type":"bash_20250124","name":"bash"},
                          {"type":"text_editor_20250728","name":"str_replace_based_edit_tool"}],
                 "container":"container_01","mcp_servers":[{"type":"url","url":"https://mcp.example","name":"x"}],
                 "inference_geo":"us","brand_new_field":{"a":1},
                 "top_k":5,"metadata":{"user_id":"u"},"service_tier":"auto","cache_control":{"type":"ephemeral"},
                 "context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]}}
                """;

        // when
        var conversation = decode(body);

        // then: features are refused by name; hints (top_k, metadata, service_tier, ...) are not
        assertThat(conversation.untranslatable()).containsExactlyInAnyOrder(
                "messages[0].content[0].type=document",
                "messages[0].content[1].source.type=file",
                "messages[1].content[0].type=server_tool_use",
                "messages[1].content[1].type=web_search_tool_result",
                "messages[2].content[0].content[0].type=search_result",
                "messages[2].content[1].type=container_upload",
                "container", "mcp_servers", "inference_geo", "brand_new_field");
        assertThat(conversation.tools()).extracting(Conversation.ToolSpec::name).containsExactly("ok");
        assertThat(conversation.hostedTools()).extracting(Conversation.HostedTool::type)
                .containsExactly("web_search_20250305", "bash_20250124", "text_editor_20250728");
    }

    @Test
    void aMidConversationSystemMessageStaysInPlaceAndIsEncodedAsSystemPromptForAnyClaude() {
        // given: Claude Code's agent list as a system message between the user's turn and the answer
        var body = """
                {"model":"m","max_tokens":5,"messages":[
                  {"role":"user","content":"spawn a reviewer"},
                  {"role":"system","content":"Available agent types: reviewer"}]}""";

        // when
        var conversation = decode(body);
        var encoded = codec.encodeRequest(conversation, "claude-upstream").toString();

        // then
        assertThat(conversation.messages()).containsExactly(
                new Conversation.Message(Role.USER, List.of(new Part.Text("spawn a reviewer"))),
                new Conversation.Message(Role.SYSTEM, List.of(new Part.Text("Available agent types: reviewer"))));
        assertThat(encoded).contains("\"system\":[{\"type\":\"text\",\"text\":\"Available agent types: reviewer\"}]")
                .doesNotContain("\"role\":\"system\"");
    }

    @Test
    void thinkingAndToolChoiceReadIntoTheModel() {
        var enabled = decode("""
                {"model":"m","max_tokens":5000,"messages":[],"thinking":{"type":"enabled","budget_tokens":2048},
                 "tool_choice":{"type":"tool","name":"get_weather"}}""");
        var disabled = decode(
                """
                        {"model":"m","max_tokens":5,"messages":[],"thinking":{"type":"disabled"},"tool_choice":{"type":"any"}}""");
        var effortOnly = decode(
                """
                        {"model":"m","max_tokens":5,"messages":[],"output_config":{"effort":"max"},"tool_choice":{"type":"none"}}""");

        assertThat(enabled.reasoning()).isEqualTo(new ReasoningConfig(true, null, 2048));
        assertThat(enabled.toolChoice()).isEqualTo(new ToolChoice(ToolChoice.Mode.NAMED, "get_weather"));
        assertThat(disabled.reasoning()).isEqualTo(new ReasoningConfig(false, null, null));
        assertThat(disabled.toolChoice().mode()).isEqualTo(ToolChoice.Mode.REQUIRED);
        assertThat(effortOnly.reasoning()).isEqualTo(new ReasoningConfig(true, "high", null));
        assertThat(effortOnly.toolChoice().mode()).isEqualTo(ToolChoice.Mode.NONE);
        assertThat(enabled.parallelToolCalls()).isNull();
    }

    @Test
    void structuredOutputReadsAsAStrictSchema() {
        var conversation = decode(
                """
                        {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],
                         "output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"a":{"type":"string"}}}}}}""");

        assertThat(conversation.output()).isInstanceOfSatisfying(Conversation.OutputFormat.JsonSchema.class,
                schema -> {
                    assertThat(schema.strict()).isTrue();
                    assertThat(schema.schema())
                            .isEqualTo("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}");
                });
    }

    @Test
    void badRequestsNameTheParameter() {
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"messages\":[]}"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.param()).isEqualTo("max_tokens"));
        assertThatThrownBy(() -> decode("{\"max_tokens\":5,\"messages\":[]}"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.param()).isEqualTo("model"));
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"max_tokens\":5}"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.param()).isEqualTo("messages"));
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"max_tokens\":\"lots\",\"messages\":[]}"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.param()).isEqualTo("max_tokens"));
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\","
                + "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://x/y.png\"}}]}]}"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.param()).isEqualTo("messages.0.content"));
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"tool\","
                + "\"content\":\"x\"}]}"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.param()).isEqualTo("messages.0.role"));
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"tool_use\",\"name\":\"x\",\"input\":{}}]}]}"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.param()).isEqualTo("messages.0.content.0.id"));
        assertThatThrownBy(() -> decode("[1]")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> decode("{not json")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aReplyWithThinkingAndAToolCall() throws Exception {
        // when
        var reply = codec.decodeReply(WireFixtures.bytes("reply-tools.json"));

        // then
        assertThat(reply.id()).isEqualTo("msg_01Aq9w938a90dw8q");
        assertThat(reply.stop()).isEqualTo(StopReason.TOOL_USE);
        assertThat(reply.usage()).isEqualTo(new Tokens(472 + 1200 + 2048, 2048, 1200, 136, 0));
        assertThat(reply.content()).hasSize(4);
        assertThat(reply.content().get(0)).isInstanceOfSatisfying(Part.Reasoning.class,
                r -> assertThat(r.signature()).startsWith("EqQB"));
        assertThat(reply.content().get(1)).isInstanceOfSatisfying(Part.Reasoning.class, r -> {
            assertThat(r.text()).isEmpty();
            assertThat(r.signature()).startsWith(MessagesWire.REDACTED);
        });
        var call = (Part.ToolCall) reply.content().get(3);
        assertThat(call.id()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(json.readTree(call.arguments()))
                .isEqualTo(json.readTree("{\"location\":\"San Francisco, CA\",\"unit\":\"celsius\"}"));
    }

    @Test
    void aReplyWrittenForTheClientReadsBackTheSame() throws Exception {
        // given
        var request = codec.decodeRequest(WireFixtures.bytes("request-tools.json"));
        var reply = codec.decodeReply(WireFixtures.bytes("reply-tools.json"));

        // when
        var written = codec.encodeReply(reply, request, "my-claude").getBytes();

        // then: the client's model name, Anthropic's usage split, the thinking blocks kept verbatim
        JsonNode body = json.readTree(written);
        assertThat(body.path("model").asText()).isEqualTo("my-claude");
        assertThat(body.path("id").asText()).isEqualTo("msg_01Aq9w938a90dw8q");
        assertThat(body.path("stop_sequence").isNull()).isTrue();
        assertThat(body.path("usage")).isEqualTo(json.readTree(
                """
                        {"input_tokens":472,"cache_creation_input_tokens":1200,"cache_read_input_tokens":2048,"output_tokens":136}"""));
        assertThat(body.path("content").get(1)).isEqualTo(json.readTree(WireFixtures.bytes("reply-tools.json"))
                .path("content").get(1));
        var again = codec.decodeReply(written);
        assertThat(again.content()).isEqualTo(reply.content());
        assertThat(again.usage()).isEqualTo(reply.usage());
        assertThat(again.stop()).isEqualTo(reply.stop());
    }

    @Test
    void aPlainTextReply() {
        var reply = codec.decodeReply(WireFixtures.bytes("reply-text.json"));

        assertThat(reply.content()).containsExactly(new Part.Text("Hello! I'm Claude. How can I help you today?"));
        assertThat(reply.stop()).isEqualTo(StopReason.END);
        assertThat(reply.usage()).isEqualTo(new Tokens(12, 0, 0, 15, 0));
    }

    @Test
    void anErrorOrAStrangerIsNotAReply() {
        var error = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";

        assertThatThrownBy(() -> codec.decodeReply(error.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireException.class).hasMessageContaining("overloaded_error");
        assertThatThrownBy(() -> codec.decodeReply("{\"object\":\"chat.completion\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireException.class);
        assertThatThrownBy(() -> codec.decodeReply("<html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireException.class);
    }

    @Test
    void stopReasonsMapBothWays() {
        assertThat(MessagesWire.stopReason("refusal")).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(MessagesWire.stopReason("pause_turn")).isEqualTo(StopReason.END);
        assertThat(MessagesWire.stopReason("model_context_window_exceeded")).isEqualTo(StopReason.MAX_TOKENS);
        for (var stop : StopReason.values()) {
            assertThat(MessagesWire.stopReason(MessagesWire.stopReason(stop))).isEqualTo(stop);
        }
    }

    @Test
    void usageAddsTheCachedPartsToTheInput() throws Exception {
        var start = AnthropicUsage.tokens(json.readTree(
                """
                        {"input_tokens":10,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,"output_tokens":1}"""));
        var end = AnthropicUsage.update(start, json.readTree("{\"output_tokens\":42}"));

        assertThat(start).isEqualTo(new Tokens(1110, 1000, 100, 1, 0));
        assertThat(end).isEqualTo(new Tokens(1110, 1000, 100, 42, 0));
        assertThat(end.uncachedInput()).isEqualTo(10);
        assertThat(AnthropicUsage.tokens(json.readTree("{\"input_tokens\":-3}"))).isEqualTo(Tokens.NONE);
    }
}
