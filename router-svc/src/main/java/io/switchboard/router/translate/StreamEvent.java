package io.switchboard.router.translate;

import io.switchboard.events.Tokens;

/**
 * One step of a streamed answer in no vendor's format. A stream is always {@link Started}, then blocks one after the
 * other ({@link BlockStarted}, any number of {@link Delta}s, {@link BlockStopped}; never two blocks open at once),
 * then {@link Finished}. Block indexes count from 0 in order of appearance.
 */
public sealed interface StreamEvent {

    /**
     * The answer began.
     *
     * @param usage what is known of the usage so far (some providers report input tokens here)
     */
    record Started(String id, String model, Tokens usage) implements StreamEvent {
    }

    /**
     * A block began: a {@link Part.Text}, a {@link Part.ToolCall} (with its id and name, empty arguments) or a
     * {@link Part.Reasoning}, each empty; its content follows as deltas.
     */
    record BlockStarted(int index, Part block) implements StreamEvent {
    }

    /** More of the open block: text, argument JSON text, or reasoning text. */
    record Delta(int index, String text) implements StreamEvent {
    }

    /**
     * The block ended.
     *
     * @param signature for reasoning, the provider's signature or encrypted content when it sent one, else {@code null}
     */
    record BlockStopped(int index, String signature) implements StreamEvent {
    }

    /** The answer ended, with the whole usage. */
    record Finished(StopReason stop, Tokens usage) implements StreamEvent {
    }
}
