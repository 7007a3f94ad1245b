package io.switchboard.router.provider.openai.responses;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.router.translate.Conversation;
import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.Reply;
import io.vertx.core.buffer.Buffer;

/** Writes a whole answer of another API as a Responses {@code response} object. */
final class ResponsesReplyEncoder {

    private final ObjectMapper json;

    ResponsesReplyEncoder(ObjectMapper json) {
        this.json = json;
    }

    Buffer encode(Reply reply, Conversation request, String model) {
        var envelope = ResponsesEnvelope.of(request, model);
        var output = items(reply.content(), envelope);
        var status = ResponsesWire.status(reply.stop());
        var reason = ResponsesWire.incompleteReason(reply.stop());
        return Buffer.buffer(ResponsesWire.write(json.getFactory(),
                g -> envelope.write(g, status, reason, output, reply.usage())));
    }

    /** Adjacent texts make one message; reasoning is kept only when it is OpenAI's own (see the reasoning policy). */
    private List<String> items(List<Part> content, ResponsesEnvelope envelope) {
        var factory = json.getFactory();
        var items = new ArrayList<String>();
        var texts = new ArrayList<String>();
        for (var part : content) {
            if (part instanceof Part.Text text) {
                texts.add(text.text());
                continue;
            }
            if (!texts.isEmpty()) {
                var message = List.copyOf(texts);
                items.add(ResponsesWire.write(factory, g -> ResponsesItems.writeMessage(g,
                        ResponsesWire.newId("msg_"), "completed", message)));
                texts.clear();
            }
            if (part instanceof Part.ToolCall call) {
                items.add(ResponsesWire.write(factory, g -> {
                    if (envelope.freeform(call.name())) {
                        ResponsesItems.writeCustomCall(g, ResponsesWire.newId("ctc_"), "completed", call.id(),
                                envelope.callee(call.name()), ResponsesFreeform.input(call.arguments(), json));
                    } else {
                        ResponsesItems.writeFunctionCall(g, ResponsesWire.newId("fc_"), "completed", call.id(),
                                envelope.callee(call.name()), call.arguments());
                    }
                }));
            } else if (part instanceof Part.Reasoning reasoning && ResponsesWire.isOwn(reasoning)) {
                items.add(ResponsesWire.write(factory, g -> ResponsesItems.writeReasoning(g,
                        ResponsesWire.newId("rs_"), reasoning.text(), reasoning.signature())));
            }
        }
        if (!texts.isEmpty()) {
            items.add(ResponsesWire.write(factory, g -> ResponsesItems.writeMessage(g, ResponsesWire.newId("msg_"),
                    "completed", texts)));
        }
        return items;
    }
}
