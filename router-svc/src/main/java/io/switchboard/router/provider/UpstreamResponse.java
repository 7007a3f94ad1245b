package io.switchboard.router.provider;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/** An upstream's answer whose body has not been read yet. Read it once, either as a stream or whole. */
public interface UpstreamResponse {

    int status();

    /** A response header, or {@code null}. */
    String header(String name);

    /** Delivers the body chunk by chunk as it arrives. */
    void stream(Handler<Buffer> chunk, Handler<Void> end, Handler<Throwable> failure);

    /** The whole body, once it has arrived. */
    Future<Buffer> body();
}
