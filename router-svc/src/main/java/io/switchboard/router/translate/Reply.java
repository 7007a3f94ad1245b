package io.switchboard.router.translate;

import java.util.List;

import io.switchboard.events.Tokens;

/**
 * A whole (not streamed) answer in no vendor's format.
 *
 * @param id the provider's id of the answer
 * @param model the model that answered, as the provider named it
 * @param content text, tool calls and reasoning, in the order the model produced them
 */
public record Reply(String id, String model, List<Part> content, StopReason stop, Tokens usage) {

    public Reply {
        content = List.copyOf(content);
    }
}
