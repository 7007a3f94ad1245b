package io.switchboard.router.wire;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.exchange.ClientRequest;
import io.switchboard.router.provider.WireApi;
import io.switchboard.router.provider.anthropic.MessagesCodec;
import io.switchboard.router.provider.gemini.GeminiCodec;
import io.switchboard.router.provider.openai.chat.ChatCodec;
import io.switchboard.router.provider.openai.responses.ResponsesCodec;
import io.vertx.core.buffer.Buffer;

/**
 * The request side of the router's work on the recorded Claude Code (~76 KB) and Codex requests: the one-pass
 * inspection and model splice of pass-through, and each translation to another vendor's API. Run with
 * {@code bench/translation-jmh.sh}; sample time gives percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranslationBenchmark {

    private final ObjectMapper json = new ObjectMapper();
    private final ChatCodec chat = new ChatCodec(json);
    private final ResponsesCodec responses = new ResponsesCodec(json);
    private final MessagesCodec messages = new MessagesCodec(json);
    private final GeminiCodec gemini = new GeminiCodec(json);
    private final byte[] claudeCode = FakeVendor.fixture("anthropic-messages", "request-claude-code.json");
    private final byte[] codex = FakeVendor.fixture("openai-responses", "request-codex.json");

    @Benchmark
    public Buffer claudeCodePassThrough() {
        return ClientRequest.inspect(WireApi.ANTHROPIC_MESSAGES, claudeCode, json.getFactory())
                .forUpstream("claude-upstream", json);
    }

    @Benchmark
    public Buffer claudeCodeToOpenAiChat() {
        ClientRequest.inspect(WireApi.ANTHROPIC_MESSAGES, claudeCode, json.getFactory());
        return chat.encodeRequest(messages.decodeRequest(claudeCode), "gpt-upstream");
    }

    @Benchmark
    public Buffer claudeCodeToOpenAiResponses() {
        ClientRequest.inspect(WireApi.ANTHROPIC_MESSAGES, claudeCode, json.getFactory());
        return responses.encodeRequest(messages.decodeRequest(claudeCode), "gpt-upstream");
    }

    @Benchmark
    public Buffer claudeCodeToGemini() {
        ClientRequest.inspect(WireApi.ANTHROPIC_MESSAGES, claudeCode, json.getFactory());
        return gemini.encodeRequest(messages.decodeRequest(claudeCode), "gemini-upstream");
    }

    @Benchmark
    public Buffer codexPassThrough() {
        return ClientRequest.inspect(WireApi.OPENAI_RESPONSES, codex, json.getFactory())
                .forUpstream("gpt-upstream", json);
    }

    @Benchmark
    public Buffer codexToAnthropic() {
        ClientRequest.inspect(WireApi.OPENAI_RESPONSES, codex, json.getFactory());
        return messages.encodeRequest(responses.decodeRequest(codex), "claude-upstream");
    }
}
