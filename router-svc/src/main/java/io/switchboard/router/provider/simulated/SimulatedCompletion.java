package io.switchboard.router.provider.simulated;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.router.routing.ProviderSettings;

/**
 * The deterministic answer of the simulated provider to one chat-completions request: the same request always gets the
 * same words and the same usage. Prompt tokens are estimated at four characters a token, as for English text; every
 * generated word counts as one token. The model is reported as {@code simulated:<model>} so nobody mistakes it for a
 * real answer. With a task, the answer is the task's (one word, for the ticket task) instead of filler words.
 * <p>
 * It writes its JSON itself rather than through the chat codec's encoders: it answers as an upstream would, with the
 * upstream's own fields ({@code system_fingerprint}) and no {@code "usage": null} in its chunks, where the encoders
 * write the router's answer to a client from a decoded request, which the simulator does not have.
 */
record SimulatedCompletion(String model, List<String> words, long promptTokens, boolean includeUsage) {

    static final String FINGERPRINT = "switchboard-simulated";

    private static final String[] VOCABULARY = ("the router answered this request from its simulated provider so "
            + "that local runs demos and load tests need no cloud key every word here is one token and the same "
            + "prompt always gets the same reply which keeps tests exact while latency failure rate and chunk pace "
            + "follow the routing file").split(" ");

    static SimulatedCompletion of(JsonNode request, ProviderSettings.Task task) {
        var model = "simulated:" + request.path("model").asText();
        long chars = 0;
        int messages = 0;
        for (var message : request.path("messages")) {
            messages++;
            chars += text(message.path("content")).length();
        }
        long promptTokens = Math.max(1, chars / 4 + 4L * messages);
        boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
        if (task == ProviderSettings.Task.TICKETS) {
            return new SimulatedCompletion(model, List.of(TicketTask.label(lastUserText(request))), promptTokens,
                    includeUsage);
        }
        if (task == ProviderSettings.Task.HASHED_TICKETS) {
            return new SimulatedCompletion(model, List.of(TicketTask.hashedLabel(lastUserText(request))),
                    promptTokens, includeUsage);
        }
        int seed = request.path("messages").toString().hashCode();
        int length = 12 + Math.floorMod(seed, 40);
        var limit = request.has("max_completion_tokens")
                ? request.path("max_completion_tokens")
                : request.path("max_tokens");
        if (limit.canConvertToInt() && limit.asInt() > 0) {
            length = Math.min(length, limit.asInt());
        }
        var words = new ArrayList<String>(length);
        for (int i = 0; i < length; i++) {
            words.add(VOCABULARY[Math.floorMod(seed + i * 7919, VOCABULARY.length)]);
        }
        return new SimulatedCompletion(model, List.copyOf(words), promptTokens, includeUsage);
    }

    private static String lastUserText(JsonNode request) {
        String text = "";
        for (var message : request.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                text = text(message.path("content"));
            }
        }
        return text;
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        var text = new StringBuilder();
        for (var part : content) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }

    String text() {
        return String.join(" ", words);
    }

    ObjectNode completion(ObjectMapper json) {
        var completion = header(json, "chat.completion");
        var choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text());
        choice.put("finish_reason", "stop");
        completion.set("usage", usage(json));
        return completion;
    }

    /** The SSE events of the streamed answer, {@code data: [DONE]} last. */
    List<String> events(ObjectMapper json) {
        var events = new ArrayList<String>(words.size() + 4);
        events.add(chunk(json, json.createObjectNode().put("role", "assistant").put("content", ""), null));
        for (int i = 0; i < words.size(); i++) {
            events.add(chunk(json, json.createObjectNode().put("content", (i == 0 ? "" : " ") + words.get(i)), null));
        }
        events.add(chunk(json, json.createObjectNode(), "stop"));
        if (includeUsage) {
            var last = header(json, "chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage(json));
            events.add("data: " + last + "\n\n");
        }
        events.add("data: [DONE]\n\n");
        return events;
    }

    private String chunk(ObjectMapper json, ObjectNode delta, String finishReason) {
        var chunk = header(json, "chat.completion.chunk");
        var choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return "data: " + chunk + "\n\n";
    }

    private ObjectNode header(ObjectMapper json, String object) {
        return json.createObjectNode()
                .put("id", "chatcmpl-sim-" + Integer.toHexString(words.hashCode()))
                .put("object", object)
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model)
                .put("system_fingerprint", FINGERPRINT);
    }

    private ObjectNode usage(ObjectMapper json) {
        return json.createObjectNode()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", words.size())
                .put("total_tokens", promptTokens + words.size());
    }
}
