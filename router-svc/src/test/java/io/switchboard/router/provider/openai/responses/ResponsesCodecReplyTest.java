package io.switchboard.router.provider.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.WireException;

class ResponsesCodecReplyTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ResponsesCodec codec = new ResponsesCodec(json);

    private Reply decode(String body) {
        return codec.decodeReply(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReasoningModelsAnswerKeepsItsEncryptedReasoningAndUsage() {
        // when
        var reply = codec.decodeReply(ResponsesFixtures.bytes("reply-text.json"));

        // then
        assertThat(reply.id()).isEqualTo("resp_0c2a9f3e7b1d4c6a00691f7bd0a4c88196b2e1d5f3a7c9e0b4");
        assertThat(reply.model()).isEqualTo("gpt-5-2025-08-07");
        assertThat(reply.content()).hasSize(2);
        assertThat(reply.content().get(0)).isInstanceOfSatisfying(Part.Reasoning.class, reasoning -> {
            assertThat(reasoning.text()).startsWith("**Comparing durability**");
            assertThat(reasoning.signature()).startsWith("gAAAAAB");
            assertThat(reasoning.origin()).isEqualTo("openai.responses");
        });
        assertThat(((Part.Text) reply.content().get(1)).text()).startsWith("Use a write-ahead log");
        assertThat(reply.stop()).isEqualTo(StopReason.END);
        assertThat(reply.usage()).isEqualTo(new Tokens(412, 256, 0, 318, 192));
    }

    @Test
    void parallelCallsAreToolUseWithTheirCallIds() {
        // when
        var reply = codec.decodeReply(ResponsesFixtures.bytes("reply-tools.json"));

        // then
        assertThat(reply.content()).containsExactly(
                new Part.ToolCall("call_Xv2nB8qLr4TzW1kM9sYd3HfA", "get_weather",
                        "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
                new Part.ToolCall("call_Q7pRw3sTn0YcV6eJ2uKh8GbL", "get_weather",
                        "{\"city\":\"Tokyo\",\"unit\":\"celsius\"}"));
        assertThat(reply.stop()).isEqualTo(StopReason.TOOL_USE);
        assertThat(reply.usage()).isEqualTo(new Tokens(139, 0, 0, 58, 0));
    }

    @Test
    void aCutOffOrRefusedAnswerSaysWhy() {
        var cut = decode("{\"id\":\"r\",\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":"
                + "\"max_output_tokens\"},\"output\":[],\"usage\":{\"input_tokens\":5,\"output_tokens\":16}}");
        var filtered = decode("{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"content_filter\"},"
                + "\"output\":[]}");
        var refused = decode("{\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":"
                + "\"refusal\",\"refusal\":\"I can't help with that.\"}]}]}");

        assertThat(cut.stop()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(cut.usage()).isEqualTo(new Tokens(5, 0, 0, 16, 0));
        assertThat(filtered.stop()).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(refused.stop()).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(refused.content()).containsExactly(new Part.Text("I can't help with that."));
    }

    @Test
    void inconsistentUsageIsClampedRatherThanTrusted() {
        var reply = decode("{\"status\":\"completed\",\"output\":[],\"usage\":{\"input_tokens\":10,"
                + "\"input_tokens_details\":{\"cached_tokens\":50},\"output_tokens\":4,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":9}}}");

        assertThat(reply.usage()).isEqualTo(new Tokens(10, 10, 0, 4, 4));
    }

    @Test
    void anAnswerThatIsNotAFinishedResponseIsAWireError() {
        var bodies = List.of(
                "{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"boom\"},\"output\":[]}",
                "{\"status\":\"completed\",\"error\":{\"code\":\"rate_limit_exceeded\"},\"output\":[]}",
                "{\"status\":\"in_progress\",\"output\":[]}",
                "{\"status\":\"completed\"}",
                "[]",
                "<html>502</html>");

        for (var body : bodies) {
            assertThatThrownBy(() -> decode(body)).as(body).isInstanceOf(WireException.class);
        }
    }

    @Test
    void anAnswerOfAnotherVendorReadsAsAResponseWithTheCallIdsItIssued() throws Exception {
        // given: a Claude answer to the SDK's tools request
        var request = codec.decodeRequest(ResponsesFixtures.bytes("request-tools.json"));
        var reply = new Reply("msg_01XFDUDYJgAACzvnptvVoYEL", "claude-sonnet-4-5", List.of(
                new Part.Reasoning("Two cities, two calls.", "EqQBCkYIBxgCKkB", "anthropic.messages"),
                new Part.Text("Checking both cities."),
                new Part.ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather",
                        "{\"city\":\"Paris\",\"unit\":\"celsius\"}")),
                StopReason.TOOL_USE, new Tokens(900, 300, 100, 120, 40));

        // when
        var body = json.readTree(codec.encodeReply(reply, request, "gpt-4.1").getBytes());

        // then
        assertThat(body.path("id").asText()).startsWith("resp_");
        assertThat(body.path("object").asText()).isEqualTo("response");
        assertThat(body.path("status").asText()).isEqualTo("completed");
        assertThat(body.path("model").asText()).isEqualTo("gpt-4.1");
        assertThat(body.path("instructions").asText()).startsWith("You are a concise travel assistant.");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("tools").get(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(body.path("output").findValuesAsText("type")).containsExactly("message", "output_text",
                "function_call");
        var call = body.path("output").get(1);
        assertThat(call.path("id").asText()).startsWith("fc_");
        assertThat(call.path("call_id").asText()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(body.path("usage").toString()).isEqualTo("{\"input_tokens\":900,\"input_tokens_details\":"
                + "{\"cached_tokens\":300},\"output_tokens\":120,\"output_tokens_details\":{\"reasoning_tokens\":40},"
                + "\"total_tokens\":1020}");

        // and our own decoder reads it back, less the foreign reasoning
        var again = codec.decodeReply(body.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(again.content()).containsExactlyElementsOf(reply.content().subList(1, 3));
        assertThat(again.stop()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void aCutOffPatchIsAnIncompleteResponseWithACustomCall() throws Exception {
        // given
        var request = codec.decodeRequest(ResponsesFixtures.bytes("request-codex.json"));
        var reply = new Reply("msg_1", "claude-sonnet-4-5", List.of(new Part.ToolCall("toolu_2", "apply_patch",
                "{\"input\":\"*** Begin Patch\\n\"}")), StopReason.MAX_TOKENS, new Tokens(10, 0, 0, 5, 0));

        // when
        var body = json.readTree(codec.encodeReply(reply, request, "gpt-5-codex").getBytes());

        // then
        assertThat(body.path("status").asText()).isEqualTo("incomplete");
        assertThat(body.path("incomplete_details").path("reason").asText()).isEqualTo("max_output_tokens");
        var call = body.path("output").get(0);
        assertThat(call.path("type").asText()).isEqualTo("custom_tool_call");
        assertThat(call.path("input").asText()).isEqualTo("*** Begin Patch\n");
        assertThat(call.path("call_id").asText()).isEqualTo("toolu_2");
    }
}
