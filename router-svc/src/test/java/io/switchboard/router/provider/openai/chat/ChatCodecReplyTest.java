package io.switchboard.router.provider.openai.chat;

import static io.switchboard.router.provider.openai.chat.ChatWire.bytes;
import static io.switchboard.router.provider.openai.chat.ChatWire.conversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Reply;
import io.switchboard.router.translate.StopReason;
import io.switchboard.router.translate.WireException;

/** Whole answers: a chat upstream's body into the model, and any API's answer out as a chat completion. */
class ChatCodecReplyTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ChatCodec codec = new ChatCodec(json,
            Clock.fixed(Instant.ofEpochSecond(1760437400), ZoneOffset.UTC));

    @Test
    void aTextAnswerKeepsItsTextStopAndUsage() {
        // when
        var reply = codec.decodeReply(bytes("reply-text.json"));

        // then
        assertThat(reply.id()).isEqualTo("chatcmpl-CQxb1Zy3fE7mTqV0nP4kWj8sL2aRd");
        assertThat(reply.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(reply.content()).singleElement().isInstanceOfSatisfying(Part.Text.class,
                text -> assertThat(text.text()).startsWith("The photo shows the Eiffel Tower"));
        assertThat(reply.stop()).isEqualTo(StopReason.END);
        assertThat(reply.usage()).isEqualTo(new Tokens(1283, 1024, 0, 31, 0));
    }

    @Test
    void toolCallsKeepTheirIdsVerbatim() {
        // when
        var reply = codec.decodeReply(bytes("reply-tools.json"));

        // then
        assertThat(reply.content()).containsExactly(
                new Part.ToolCall("call_3fTq8ZkLw1NvYc5RmX0pBs7D", "get_weather",
                        "{\"location\":\"Lyon, France\",\"unit\":\"celsius\"}"),
                new Part.ToolCall("call_Jx7Vb2QnP9sKd4WmT6yLc1Ra", "get_weather",
                        "{\"location\":\"Marseille, France\",\"unit\":\"celsius\"}"));
        assertThat(reply.stop()).isEqualTo(StopReason.TOOL_USE);
        assertThat(reply.usage()).isEqualTo(new Tokens(1352, 1280, 0, 58, 0));
    }

    @Test
    void visibleReasoningARefusalAndInconsistentCountsAreRead() {
        // given: a vLLM-style reasoning field, a refusal, and more cached than prompt tokens
        var body = "{\"id\":\"x\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"reasoning_content\":\"The user wants...\",\"refusal\":\"I can't help with that.\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":99},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":-3}}}";

        // when
        var reply = codec.decodeReply(body.getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(reply.content()).containsExactly(new Part.Reasoning("The user wants...", null, "openai.chat"),
                new Part.Text("I can't help with that."));
        assertThat(reply.stop()).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(reply.usage()).isEqualTo(new Tokens(10, 10, 0, 5, 0));
    }

    @Test
    void anErrorOrAnythingButAChatCompletionIsAWireError() {
        for (var body : List.of("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}", "<html>",
                "[]", "{\"id\":\"x\",\"choices\":[]}")) {
            assertThatThrownBy(() -> codec.decodeReply(body.getBytes(StandardCharsets.UTF_8))).as(body)
                    .isInstanceOf(WireException.class);
        }
    }

    @Test
    void anotherApisAnswerIsWrittenAsAChatCompletion() throws Exception {
        // given: an Anthropic-style answer with thinking, text and a tool call
        var reply = new Reply("msg_01XFDUDYJgAACzvnptvVoYEL", "claude-sonnet-4-5",
                List.of(new Part.Reasoning("Check the weather first.", "sig", "anthropic"),
                        new Part.Text("Let me look."),
                        new Part.ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"location\":\"Lyon\"}")),
                StopReason.TOOL_USE, new Tokens(100, 40, 20, 30, 10));

        // when
        var body = json.readTree(codec.encodeReply(reply, conversation(List.of()), "my-model").getBytes());

        // then
        assertThat(body.path("id").asText()).isEqualTo("chatcmpl-msg_01XFDUDYJgAACzvnptvVoYEL");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isEqualTo(1760437400);
        assertThat(body.path("model").asText()).isEqualTo("my-model");
        var choice = body.path("choices").path(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("logprobs").isNull()).isTrue();
        var message = choice.path("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("content").asText()).isEqualTo("Let me look.");
        assertThat(message.path("reasoning_content").asText()).isEqualTo("Check the weather first.");
        assertThat(message.path("refusal").isNull()).isTrue();
        var call = message.path("tool_calls").path(0);
        assertThat(call.path("id").asText()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("arguments").asText()).isEqualTo("{\"location\":\"Lyon\"}");
        var usage = body.path("usage");
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(100);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(30);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(130);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(40);
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(10);
    }

    @Test
    void onlyToolCallsMeanNullContentAndTheFixtureRoundTrips() {
        // given
        var reply = codec.decodeReply(bytes("reply-tools.json"));

        // when
        var body = codec.encodeReply(reply, conversation(List.of()), "gpt-4o");
        var again = codec.decodeReply(body.getBytes());

        // then
        assertThat(body.toString()).contains("\"content\":null");
        assertThat(again.content()).isEqualTo(reply.content());
        assertThat(again.stop()).isEqualTo(reply.stop());
        assertThat(again.usage()).isEqualTo(reply.usage());
        assertThat(again.id()).isEqualTo(reply.id());
    }

    @Test
    void thePassThroughUsageReaderReadsWhatTheDecoderReads() {
        for (var fixture : List.of("reply-text.json", "reply-tools.json", "reply-spawn.json")) {
            assertThat(codec.usage(bytes(fixture))).as(fixture).isEqualTo(codec.decodeReply(bytes(fixture)).usage());
        }
        var detailed = """
                {"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"hi"}}],"usage":{"prompt_tokens":\
                100,"completion_tokens":40,"prompt_tokens_details":{"cached_tokens":60},"completion_tokens_details":\
                {"reasoning_tokens":30}},"system_fingerprint":"fp"}"""
                .getBytes(StandardCharsets.UTF_8);
        assertThat(codec.usage(detailed)).isEqualTo(new Tokens(100, 60, 0, 40, 30));
    }

    @Test
    void thePassThroughUsageReaderRefusesWhatTheDecoderRefuses() {
        for (var body : List.of("not json", "[1]", "{\"choices\":[]}", "{\"id\":\"x\"}",
                "{\"choices\":[{\"message\":{}}],\"error\":{\"message\":\"overloaded\"}}", "{\"choices\":[{")) {
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> codec.decodeReply(bytes)).as(body).isInstanceOf(WireException.class);
            assertThatThrownBy(() -> codec.usage(bytes)).as(body).isInstanceOf(WireException.class);
        }
    }
}
