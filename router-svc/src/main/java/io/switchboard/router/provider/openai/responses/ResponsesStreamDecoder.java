package io.switchboard.router.provider.openai.responses;

import java.io.IOException;
import java.util.ArrayList;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StreamDecoder;
import io.switchboard.router.translate.StreamEvent;
import io.switchboard.router.translate.WireException;

/**
 * Reads the Responses API's events into {@link StreamEvent}s. Blocks are a text part of a message, a function or
 * custom call, or a reasoning item; OpenAI streams items one after the other, and a block still open when the next
 * begins is closed first, so that two are never open. A custom call's free text is streamed as the JSON arguments
 * {@code {"input": "..."}} that other APIs see, escaped piece by piece.
 */
final class ResponsesStreamDecoder implements StreamDecoder {

    private enum Open {
        TEXT, CALL, CUSTOM, REASONING
    }

    private final ObjectMapper json;
    private boolean started;
    private boolean finished;
    private boolean called;
    private boolean refused;
    private int next;
    private Open open;
    private boolean streamed;
    private int textBlocksOfMessage;

    ResponsesStreamDecoder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void decode(String event, String data, Consumer<StreamEvent> out) {
        if (finished || data == null || data.isBlank() || data.equals("[DONE]")) {
            return;
        }
        JsonNode e;
        try {
            e = json.readTree(data);
        } catch (IOException notJson) {
            throw new WireException("A Responses stream event is not JSON");
        }
        var type = e.path("type").asText(event == null ? "" : event);
        switch (type) {
            case "response.created", "response.in_progress", "response.queued" -> start(e.path("response"), out);
            case "response.output_item.added" -> added(e.path("item"), out);
            case "response.content_part.added" -> {
                refused |= e.path("part").path("type").asText().equals("refusal");
                openText(out);
            }
            case "response.output_text.delta" -> {
                openText(out);
                delta(e.path("delta").asText(""), out);
            }
            case "response.refusal.delta" -> {
                refused = true;
                openText(out);
                delta(e.path("delta").asText(""), out);
            }
            case "response.content_part.done" -> {
                if (open == Open.TEXT) {
                    stop(null, out);
                }
            }
            case "response.function_call_arguments.delta" -> deltaOf(Open.CALL, e.path("delta").asText(""), out);
            case "response.function_call_arguments.done" -> {
                if (open == Open.CALL && !streamed) {
                    delta(e.path("arguments").asText(""), out);
                }
            }
            case "response.custom_tool_call_input.delta" -> deltaOf(Open.CUSTOM, e.path("delta").asText(""), out);
            case "response.custom_tool_call_input.done" -> {
                if (open == Open.CUSTOM && !streamed) {
                    customDelta(e.path("input").asText(""), out);
                }
            }
            case "response.reasoning_summary_part.added" -> {
                if (open == Open.REASONING && streamed && e.path("summary_index").asInt(0) > 0) {
                    delta("\n\n", out);
                }
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> deltaOf(Open.REASONING,
                    e.path("delta").asText(""), out);
            case "response.output_item.done" -> itemDone(e.path("item"), out);
            case "response.completed", "response.incomplete" -> finish(e.path("response"), out);
            case "response.failed" -> throw new WireException("The Responses upstream failed: "
                    + ResponsesReplyDecoder.describe(e.path("response").get("error")));
            case "error" -> throw new WireException("The Responses upstream reported an error: "
                    + ResponsesReplyDecoder.describe(e.has("error") ? e.get("error") : e));
            default -> {
                // summaries of what was streamed already (*.done), annotations, keep-alives
            }
        }
    }

    @Override
    public void end(Consumer<StreamEvent> out) {
        if (!finished) {
            throw new WireException("The Responses stream ended before response.completed");
        }
    }

    private void start(JsonNode response, Consumer<StreamEvent> out) {
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Started(response.path("id").asText(""), response.path("model").asText(""),
                    Tokens.NONE));
        }
    }

    private void added(JsonNode item, Consumer<StreamEvent> out) {
        close(out);
        switch (item.path("type").asText("")) {
            case "message" -> textBlocksOfMessage = 0;
            case "function_call" -> begin(Open.CALL, new Part.ToolCall(item.path("call_id").asText(""),
                    item.path("name").asText(""), ""), out);
            case "custom_tool_call" -> begin(Open.CUSTOM, new Part.ToolCall(item.path("call_id").asText(""),
                    item.path("name").asText(""), ""), out);
            case "reasoning" -> begin(Open.REASONING, new Part.Reasoning("", null, ResponsesWire.API), out);
            default -> {
                // items of OpenAI's own tools; the router never offers those tools upstream
            }
        }
    }

    /** Closes the item's block, first sending what only the item carried when no deltas did. */
    private void itemDone(JsonNode item, Consumer<StreamEvent> out) {
        switch (item.path("type").asText("")) {
            case "message" -> {
                close(out);
                if (textBlocksOfMessage == 0) {
                    var texts = new ArrayList<Part>();
                    refused |= ResponsesReplyDecoder.messageParts(item, texts);
                    for (var text : texts) {
                        openText(out);
                        delta(((Part.Text) text).text(), out);
                        close(out);
                    }
                }
            }
            case "function_call" -> {
                if (open != Open.CALL) {
                    added(item, out);
                }
                if (!streamed) {
                    delta(item.path("arguments").asText(""), out);
                }
                close(out);
            }
            case "custom_tool_call" -> {
                if (open != Open.CUSTOM) {
                    added(item, out);
                }
                if (!streamed) {
                    customDelta(item.path("input").asText(""), out);
                }
                close(out);
            }
            case "reasoning" -> {
                if (open != Open.REASONING) {
                    added(item, out);
                }
                if (!streamed) {
                    delta(ResponsesItems.reasoningText(item), out);
                }
                stop(ResponsesRequestDecoder.text(item, "encrypted_content"), out);
            }
            default -> close(out);
        }
    }

    private void finish(JsonNode response, Consumer<StreamEvent> out) {
        start(response, out);
        close(out);
        var stop = ResponsesWire.stop(response.path("status").asText(""),
                response.path("incomplete_details").path("reason").asText(null), called, refused);
        out.accept(new StreamEvent.Finished(stop, ResponsesWire.tokens(response.get("usage"))));
        finished = true;
    }

    private void begin(Open kind, Part block, Consumer<StreamEvent> out) {
        if (!started) {
            start(json.nullNode(), out);
        }
        called |= kind == Open.CALL || kind == Open.CUSTOM;
        open = kind;
        streamed = false;
        out.accept(new StreamEvent.BlockStarted(next, block));
    }

    private void openText(Consumer<StreamEvent> out) {
        if (open != Open.TEXT) {
            close(out);
            textBlocksOfMessage++;
            begin(Open.TEXT, new Part.Text(""), out);
        }
    }

    private void deltaOf(Open kind, String text, Consumer<StreamEvent> out) {
        if (open == kind) {
            if (kind == Open.CUSTOM) {
                customDelta(text, out);
            } else {
                delta(text, out);
            }
        }
    }

    private void delta(String text, Consumer<StreamEvent> out) {
        if (!text.isEmpty()) {
            streamed = true;
            out.accept(new StreamEvent.Delta(next, text));
        }
    }

    private void customDelta(String text, Consumer<StreamEvent> out) {
        if (!streamed) {
            streamed = true;
            out.accept(new StreamEvent.Delta(next, "{\"input\":\"" + ResponsesWire.escape(text)));
        } else if (!text.isEmpty()) {
            out.accept(new StreamEvent.Delta(next, ResponsesWire.escape(text)));
        }
    }

    private void close(Consumer<StreamEvent> out) {
        stop(null, out);
    }

    private void stop(String signature, Consumer<StreamEvent> out) {
        if (open == null) {
            return;
        }
        if (open == Open.CUSTOM) {
            out.accept(new StreamEvent.Delta(next, streamed ? "\"}" : "{\"input\":\"\"}"));
        }
        out.accept(new StreamEvent.BlockStopped(next, signature));
        open = null;
        next++;
    }
}
