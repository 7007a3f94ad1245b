package io.switchboard.router.provider.gemini;

import static io.switchboard.router.provider.gemini.GeminiFixtures.assistant;
import static io.switchboard.router.provider.gemini.GeminiFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Conversation.Message;
import io.switchboard.router.translate.Conversation.ToolSpec;
import io.switchboard.router.translate.Part;

class GeminiEncodeSpeedTest {

    @Test
    void aLongAgentConversationEncodesInWellUnderHalfAMillisecond() {
        // given: ~76 KB of turns with tool calls, results and a tool schema
        var codec = new GeminiCodec(GeminiFixtures.MAPPER);
        var paragraph = "The build failed in module router-svc because a test expected a 400 and got a 502. ".repeat(6);
        var messages = new ArrayList<Message>();
        for (int turn = 0; turn < 50; turn++) {
            var id = GeminiCallIds.issue(null, "resp-" + turn, 0, "CiQB" + "x".repeat(200));
            messages.add(user(new Part.Text(paragraph)));
            messages.add(assistant(new Part.Text("Let me look."),
                    new Part.ToolCall(id, "read_file",
                            "{\"path\":\"router-svc/src/main/java/App.java\",\"lines\":[1,80]}")));
            messages.add(user(new Part.ToolResult(id, List.of(new Part.Text(paragraph)), false)));
        }
        var tools = List.of(new ToolSpec("read_file", "Reads a file",
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"lines\":{\"type\":\"array\"}}}",
                false));
        var conversation = new Conversation(List.of(new Part.Text("You are a build doctor.")), messages, tools, null,
                null, 4096, null, null, List.of(), null, null, true, false, List.of());
        int size = codec.encodeRequest(conversation, "gemini-3-pro-preview").length();

        // when
        for (int i = 0; i < 3000; i++) {
            codec.encodeRequest(conversation, "gemini-3-pro-preview");
        }
        var nanos = new long[500];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            codec.encodeRequest(conversation, "gemini-3-pro-preview");
            nanos[i] = System.nanoTime() - start;
        }

        // then: the median, so a noisy shared machine does not decide it
        Arrays.sort(nanos);
        assertThat(size).isBetween(70_000, 82_000);
        assertThat(nanos[nanos.length / 2]).isLessThan(500_000);
    }
}
