package io.switchboard.router.provider.openai.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Sse;
import io.switchboard.router.translate.StreamEncoder;
import io.switchboard.router.translate.StreamEvent;
import io.vertx.core.buffer.Buffer;

/**
 * Writes stream events as {@code chat.completion.chunk}s, every one with the same id, created and model. Blocks leave
 * no trace of their own: text and reasoning are content and {@code reasoning_content} deltas, a tool call is a
 * {@code tool_calls} delta whose index counts the calls. The usage chunk follows the finish only when the client asked
 * for it, as OpenAI does.
 */
final class ChatStreamEncoder implements StreamEncoder {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private enum Open {
        NONE, TEXT, REASONING, TOOL
    }

    private final JsonFactory factory;
    private final Clock clock;
    private final String model;
    private final boolean usage;

    private String id;
    private long created;
    private Open open = Open.NONE;
    private int tools;

    ChatStreamEncoder(JsonFactory factory, Clock clock, String model, boolean usage) {
        this.factory = factory;
        this.clock = clock;
        this.model = model;
        this.usage = usage;
    }

    @Override
    public Buffer encode(StreamEvent event) {
        if (event instanceof StreamEvent.Started started) {
            id = ChatJson.completionId(started.id());
            created = clock.millis() / 1000;
            return chunk(out -> {
                out.writeStringField("role", "assistant");
                out.writeStringField("content", "");
                out.writeNullField("refusal");
            }, null);
        }
        if (event instanceof StreamEvent.BlockStarted block) {
            return blockStarted(block.block());
        }
        if (event instanceof StreamEvent.Delta delta) {
            return delta(delta.text());
        }
        if (event instanceof StreamEvent.BlockStopped) {
            if (open == Open.TOOL) {
                tools++;
            }
            open = Open.NONE;
            return Buffer.buffer(0);
        }
        return finished((StreamEvent.Finished) event);
    }

    private Buffer blockStarted(Part block) {
        if (block instanceof Part.ToolCall call) {
            open = Open.TOOL;
            return chunk(out -> {
                out.writeArrayFieldStart("tool_calls");
                out.writeStartObject();
                out.writeNumberField("index", tools);
                ChatReplyEncoder.writeToolCall(out, call);
                out.writeEndObject();
                out.writeEndArray();
            }, null);
        }
        open = block instanceof Part.Reasoning ? Open.REASONING : Open.TEXT;
        return Buffer.buffer(0);
    }

    private Buffer delta(String text) {
        if (text == null || text.isEmpty() || open == Open.NONE) {
            return Buffer.buffer(0);
        }
        return chunk(out -> {
            switch (open) {
                case TEXT -> out.writeStringField("content", text);
                case REASONING -> out.writeStringField("reasoning_content", text);
                default -> {
                    out.writeArrayFieldStart("tool_calls");
                    out.writeStartObject();
                    out.writeNumberField("index", tools);
                    out.writeObjectFieldStart("function");
                    out.writeStringField("arguments", text);
                    out.writeEndObject();
                    out.writeEndObject();
                    out.writeEndArray();
                }
            }
        }, null);
    }

    private Buffer finished(StreamEvent.Finished finished) {
        var events = chunk(out -> {
        }, ChatJson.finishReason(finished.stop()));
        if (usage) {
            var tokens = finished.usage() == null ? Tokens.NONE : finished.usage();
            events.appendBuffer(Sse.data(ChatJson.string(factory, out -> {
                header(out);
                out.writeArrayFieldStart("choices");
                out.writeEndArray();
                ChatUsage.write(out, tokens);
                out.writeEndObject();
            })));
        }
        return events.appendBytes(DONE);
    }

    /** One chunk of the first choice with this delta; {@code usage: null} as OpenAI writes it when usage is on. */
    private Buffer chunk(ChatJson.Writer delta, String finishReason) {
        return Sse.data(ChatJson.string(factory, out -> {
            header(out);
            out.writeArrayFieldStart("choices");
            out.writeStartObject();
            out.writeNumberField("index", 0);
            out.writeObjectFieldStart("delta");
            delta.write(out);
            out.writeEndObject();
            out.writeNullField("logprobs");
            if (finishReason == null) {
                out.writeNullField("finish_reason");
            } else {
                out.writeStringField("finish_reason", finishReason);
            }
            out.writeEndObject();
            out.writeEndArray();
            if (usage) {
                out.writeNullField("usage");
            }
            out.writeEndObject();
        }));
    }

    private void header(JsonGenerator out) throws IOException {
        if (id == null) {
            id = ChatJson.completionId(null);
            created = clock.millis() / 1000;
        }
        out.writeStartObject();
        out.writeStringField("id", id);
        out.writeStringField("object", "chat.completion.chunk");
        out.writeNumberField("created", created);
        out.writeStringField("model", model);
    }
}
