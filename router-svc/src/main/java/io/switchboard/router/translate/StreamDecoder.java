package io.switchboard.router.translate;

import java.util.function.Consumer;

/** Reads one upstream stream, event by event, into {@link StreamEvent}s. Stateful; one per stream. */
public interface StreamDecoder {

    /**
     * Reads one server-sent event.
     *
     * @param event the event's {@code event:} field, {@code null} when it has none
     * @param data its {@code data:} lines joined by newlines
     * @param out receives the stream events it completes (none, one or several)
     * @throws WireException when the event is not of this API, or is the upstream reporting an error
     */
    void decode(String event, String data, Consumer<StreamEvent> out);

    /**
     * The upstream closed the stream. Emits what is still pending (e.g. {@link StreamEvent.Finished} when the usage
     * came last).
     *
     * @throws WireException when the stream ended before its answer did
     */
    void end(Consumer<StreamEvent> out);

    /**
     * Whether the event just decoded carried nothing but the closing usage (a chat-completions chunk without choices):
     * the chunk the router asks for on its own account, which a pass-through relay then keeps from the client.
     */
    default boolean usageOnly() {
        return false;
    }
}
