package io.switchboard.router.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ResponsesCodecSpeedTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ResponsesCodec codec = new ResponsesCodec(json);

    /** The Codex request grown by tool rounds, as a long session grows it, to {@code size} bytes. */
    private byte[] codexRequestOf(int size) throws Exception {
        var body = (ObjectNode) json.readTree(ResponsesFixtures.bytes("request-codex.json"));
        var input = body.withArray("input");
        var output = "test parser::tests::case_%d ... ok\n".repeat(40);
        for (int round = 0; json.writeValueAsBytes(body).length < size; round++) {
            input.addObject().put("type", "function_call").put("name", "shell").put("call_id", "call_" + round)
                    .put("arguments", "{\"command\":[\"bash\",\"-lc\",\"cargo test -p tally-core " + round + "\"]}");
            input.addObject().put("type", "function_call_output").put("call_id", "call_" + round).put("output",
                    output);
        }
        return json.writeValueAsBytes(body);
    }

    @Test
    void aLongCodexSessionTranslatesInWellUnderHalfAMillisecond() throws Exception {
        // given: a 76 KB request, and a warm JIT
        var body = codexRequestOf(76 * 1024);
        for (int i = 0; i < 3_000; i++) {
            codec.encodeRequest(codec.decodeRequest(body), "claude-sonnet-4-5");
        }

        // when: the CPU time of each translation, read then written, not the wall time a busy machine stretches
        var threads = ManagementFactory.getThreadMXBean();
        var nanos = new long[301];
        for (int i = 0; i < nanos.length; i++) {
            long start = threads.getCurrentThreadCpuTime();
            codec.encodeRequest(codec.decodeRequest(body), "claude-sonnet-4-5");
            nanos[i] = threads.getCurrentThreadCpuTime() - start;
        }

        // then
        Arrays.sort(nanos);
        long median = nanos[nanos.length / 2];
        assertThat(median).as("median CPU nanoseconds for %d bytes", body.length).isLessThan(500_000);
    }
}
