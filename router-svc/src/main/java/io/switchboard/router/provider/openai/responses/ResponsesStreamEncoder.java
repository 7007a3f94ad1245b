package io.switchboard.router.provider.openai.responses;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.provider.openai.responses.ResponsesWire.JsonWriting;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Sse;
import io.switchboard.router.translate.StreamEncoder;
import io.switchboard.router.translate.StreamEvent;
import io.vertx.core.buffer.Buffer;

/**
 * Writes a stream of another API as the Responses API's events: each block is one output item (a text block one
 * message with one {@code output_text} part), with the added / delta / done events OpenAI sends, numbered in order,
 * and a last {@code response.completed} (or {@code response.incomplete}) carrying the whole output and the usage.
 * Calls of free-form tools are held until their block ends: their JSON arguments must be unwrapped to the text the
 * client expects, and a prefix of JSON is not yet a prefix of that text.
 */
final class ResponsesStreamEncoder implements StreamEncoder {

    private enum Kind {
        TEXT, CALL, CUSTOM, REASONING, DROPPED
    }

    private final ObjectMapper json;
    private final ResponsesEnvelope envelope;
    private final List<String> output = new ArrayList<>();
    private final StringBuilder content = new StringBuilder();
    private int sequence;
    private boolean started;
    private boolean finished;
    private Kind kind;
    private int block;
    private int outputIndex = -1;
    private String itemId;
    private Part.ToolCall call;
    private boolean summaryOpen;

    ResponsesStreamEncoder(ObjectMapper json, ResponsesEnvelope envelope) {
        this.json = json;
        this.envelope = envelope;
    }

    @Override
    public Buffer encode(StreamEvent event) {
        var out = Buffer.buffer();
        if (finished) {
            return out;
        }
        if (!started) {
            start(out);
        }
        if (event instanceof StreamEvent.BlockStarted begun) {
            close(out, null);
            open(begun.index(), begun.block(), out);
        } else if (event instanceof StreamEvent.Delta delta) {
            if (kind != null && delta.index() == block) {
                delta(delta.text(), out);
            }
        } else if (event instanceof StreamEvent.BlockStopped stopped) {
            if (kind != null && stopped.index() == block) {
                close(out, stopped.signature());
            }
        } else if (event instanceof StreamEvent.Finished end) {
            close(out, null);
            var status = ResponsesWire.status(end.stop());
            var reason = ResponsesWire.incompleteReason(end.stop());
            emit(out, reason == null ? "response.completed" : "response.incomplete", g -> {
                g.writeFieldName("response");
                envelope.write(g, status, reason, output, end.usage());
            });
            finished = true;
        }
        return out;
    }

    private void start(Buffer out) {
        started = true;
        for (var type : List.of("response.created", "response.in_progress")) {
            emit(out, type, g -> {
                g.writeFieldName("response");
                envelope.write(g, "in_progress", null, List.of(), null);
            });
        }
    }

    private void open(int index, Part part, Buffer out) {
        block = index;
        content.setLength(0);
        summaryOpen = false;
        if (part instanceof Part.Reasoning reasoning && !ResponsesWire.isOwn(reasoning)) {
            kind = Kind.DROPPED;
            return;
        }
        outputIndex++;
        if (part instanceof Part.ToolCall toolCall) {
            call = toolCall;
            boolean freeform = envelope.freeform(toolCall.name());
            kind = freeform ? Kind.CUSTOM : Kind.CALL;
            itemId = ResponsesWire.newId(freeform ? "ctc_" : "fc_");
            added(out, g -> {
                if (freeform) {
                    ResponsesItems.writeCustomCall(g, itemId, "in_progress", toolCall.id(),
                            envelope.callee(toolCall.name()), "");
                } else {
                    ResponsesItems.writeFunctionCall(g, itemId, "in_progress", toolCall.id(),
                            envelope.callee(toolCall.name()), "");
                }
            });
        } else if (part instanceof Part.Reasoning) {
            kind = Kind.REASONING;
            itemId = ResponsesWire.newId("rs_");
            added(out, g -> ResponsesItems.writeReasoning(g, itemId, "", null));
        } else {
            kind = Kind.TEXT;
            itemId = ResponsesWire.newId("msg_");
            added(out, g -> ResponsesItems.writeMessage(g, itemId, "in_progress", List.of()));
            emit(out, "response.content_part.added", g -> {
                textPosition(g);
                g.writeFieldName("part");
                ResponsesItems.writeOutputText(g, "");
            });
        }
    }

    private void delta(String text, Buffer out) {
        switch (kind) {
            case TEXT -> {
                content.append(text);
                emit(out, "response.output_text.delta", g -> {
                    textPosition(g);
                    g.writeStringField("delta", text);
                    g.writeArrayFieldStart("logprobs");
                    g.writeEndArray();
                });
            }
            case CALL -> {
                content.append(text);
                emit(out, "response.function_call_arguments.delta", g -> {
                    position(g);
                    g.writeStringField("delta", text);
                });
            }
            case CUSTOM -> content.append(text);
            case REASONING -> {
                if (!summaryOpen) {
                    summaryOpen = true;
                    emit(out, "response.reasoning_summary_part.added", g -> summaryPart(g, ""));
                }
                content.append(text);
                emit(out, "response.reasoning_summary_text.delta", g -> {
                    summaryPosition(g);
                    g.writeStringField("delta", text);
                });
            }
            case DROPPED -> {
                // foreign reasoning: see ResponsesWire.isOwn
            }
        }
    }

    private void close(Buffer out, String signature) {
        if (kind == null) {
            return;
        }
        var text = content.toString();
        switch (kind) {
            case TEXT -> {
                emit(out, "response.output_text.done", g -> {
                    textPosition(g);
                    g.writeStringField("text", text);
                    g.writeArrayFieldStart("logprobs");
                    g.writeEndArray();
                });
                emit(out, "response.content_part.done", g -> {
                    textPosition(g);
                    g.writeFieldName("part");
                    ResponsesItems.writeOutputText(g, text);
                });
                done(out, g -> ResponsesItems.writeMessage(g, itemId, "completed", List.of(text)));
            }
            case CALL -> {
                var arguments = text.isEmpty() ? "{}" : text;
                emit(out, "response.function_call_arguments.done", g -> {
                    position(g);
                    g.writeStringField("arguments", arguments);
                });
                done(out, g -> ResponsesItems.writeFunctionCall(g, itemId, "completed", call.id(),
                        envelope.callee(call.name()), arguments));
            }
            case CUSTOM -> {
                var input = ResponsesFreeform.input(text, json);
                if (!input.isEmpty()) {
                    emit(out, "response.custom_tool_call_input.delta", g -> {
                        position(g);
                        g.writeStringField("delta", input);
                    });
                }
                emit(out, "response.custom_tool_call_input.done", g -> {
                    position(g);
                    g.writeStringField("input", input);
                });
                done(out, g -> ResponsesItems.writeCustomCall(g, itemId, "completed", call.id(),
                        envelope.callee(call.name()), input));
            }
            case REASONING -> {
                if (summaryOpen) {
                    emit(out, "response.reasoning_summary_text.done", g -> {
                        summaryPosition(g);
                        g.writeStringField("text", text);
                    });
                    emit(out, "response.reasoning_summary_part.done", g -> summaryPart(g, text));
                }
                done(out, g -> ResponsesItems.writeReasoning(g, itemId, text, signature));
            }
            case DROPPED -> {
                // nothing was written for it
            }
        }
        kind = null;
    }

    private void added(Buffer out, JsonWriting item) {
        emit(out, "response.output_item.added", g -> {
            g.writeNumberField("output_index", outputIndex);
            g.writeFieldName("item");
            item.write(g);
        });
    }

    private void done(Buffer out, JsonWriting item) {
        var written = ResponsesWire.write(json.getFactory(), item);
        output.add(written);
        emit(out, "response.output_item.done", g -> {
            g.writeNumberField("output_index", outputIndex);
            g.writeFieldName("item");
            g.writeRawValue(written);
        });
    }

    private void position(JsonGenerator g) throws IOException {
        g.writeStringField("item_id", itemId);
        g.writeNumberField("output_index", outputIndex);
    }

    private void textPosition(JsonGenerator g) throws IOException {
        position(g);
        g.writeNumberField("content_index", 0);
    }

    private void summaryPosition(JsonGenerator g) throws IOException {
        position(g);
        g.writeNumberField("summary_index", 0);
    }

    private void summaryPart(JsonGenerator g, String text) throws IOException {
        summaryPosition(g);
        g.writeFieldName("part");
        ResponsesItems.writeSummaryText(g, text);
    }

    private void emit(Buffer out, String type, JsonWriting fields) {
        out.appendBuffer(Sse.event(type, ResponsesWire.write(json.getFactory(), g -> {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeNumberField("sequence_number", sequence++);
            fields.write(g);
            g.writeEndObject();
        })));
    }
}
