package io.switchboard.router.translate;

import java.io.OutputStream;

import io.vertx.core.buffer.Buffer;

/** Lets a Jackson generator write straight into a Vert.x buffer; the generator buffers, so bytes are copied once. */
public final class BufferOutput extends OutputStream {

    private final Buffer buffer;

    public BufferOutput(Buffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public void write(int b) {
        buffer.appendByte((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        buffer.appendBytes(bytes, offset, length);
    }
}
