package io.switchboard.router.translate;

import io.vertx.core.buffer.Buffer;

/** Writes one stream of {@link StreamEvent}s as an inbound API's server-sent events. Stateful; one per stream. */
public interface StreamEncoder {

    /** The bytes of the whole SSE events this event makes (possibly none), each ending with its blank line. */
    Buffer encode(StreamEvent event);
}
