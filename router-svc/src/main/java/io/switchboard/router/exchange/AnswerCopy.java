package io.switchboard.router.exchange;

import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.StreamEvent;
import io.vertx.core.buffer.Buffer;

/**
 * A copy of the answer the client received, kept for traffic capture up to a size: the whole body of an answer sent at
 * once, or the text of a streamed one (its text blocks, not its reasoning or tool arguments). Only references and
 * appended text on the request's event-loop thread; what is made of it is made elsewhere.
 */
public final class AnswerCopy {

    private final int maxBytes;
    private Buffer whole;
    private StringBuilder text;
    private boolean inText;
    private boolean tooLarge;

    /** @param maxBytes the most the copy may hold; a larger answer is not kept ({@link #tooLarge()}) */
    public AnswerCopy(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    void whole(Buffer body) {
        if (body.length() > maxBytes) {
            tooLarge = true;
        } else {
            whole = body;
        }
    }

    void streamed(StreamEvent event) {
        if (tooLarge) {
            return;
        }
        if (event instanceof StreamEvent.BlockStarted started) {
            inText = started.block() instanceof Part.Text;
        } else if (event instanceof StreamEvent.Delta delta && inText) {
            if (text == null) {
                text = new StringBuilder();
            }
            text.append(delta.text());
            // a UTF-16 unit is at least one byte of UTF-8: a cheap bound, checked again in bytes when written
            tooLarge = text.length() > maxBytes;
        }
    }

    /** Forgets what an attempt that did not reach the client copied: another deployment answers. */
    void reset() {
        whole = null;
        text = null;
        inText = false;
        tooLarge = false;
    }

    /** Whether the answer was larger than the copy may hold, so that nothing of it was kept. */
    public boolean tooLarge() {
        return tooLarge;
    }

    /** The whole answer as the client received it; {@code null} for a streamed one. */
    public Buffer whole() {
        return whole;
    }

    /** The text of a streamed answer; empty for a whole one. */
    public String streamedText() {
        return text == null ? "" : text.toString();
    }
}
