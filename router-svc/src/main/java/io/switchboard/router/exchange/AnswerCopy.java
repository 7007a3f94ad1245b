package io.switchboard.router.exchange;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.PlainText;
import io.switchboard.router.translate.StreamEvent;
import io.vertx.core.buffer.Buffer;

/**
 * A copy of the answer the client received, kept up to a size for traffic capture and shadow evaluation: the whole
 * body of an answer sent at once, or the text blocks and tool calls of a streamed one (not its reasoning). Only
 * references and appended text on the request's event-loop thread; what is made of it is made elsewhere.
 */
public final class AnswerCopy {

    private final int maxBytes;
    private Buffer whole;
    private List<Part> streamed;
    /** The open block: a text or a tool call (its id and name), or {@code null} for one not copied. */
    private Part open;
    private StringBuilder openContent;
    private long streamedChars;
    private boolean finished;
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
        if (streamed == null) {
            streamed = new ArrayList<>();
        }
        if (event instanceof StreamEvent.BlockStarted started) {
            open = started.block() instanceof Part.Text || started.block() instanceof Part.ToolCall
                    ? started.block()
                    : null;
            openContent = open == null ? null : new StringBuilder();
        } else if (event instanceof StreamEvent.Delta delta && open != null) {
            openContent.append(delta.text());
            streamedChars += delta.text().length();
            // a UTF-16 unit is at least one byte of UTF-8: a cheap bound, checked again in bytes when written
            tooLarge = streamedChars > maxBytes;
        } else if (event instanceof StreamEvent.BlockStopped) {
            closeBlock();
        } else if (event instanceof StreamEvent.Finished) {
            closeBlock();
            finished = true;
        }
    }

    private void closeBlock() {
        if (open instanceof Part.ToolCall call) {
            streamed.add(new Part.ToolCall(call.id(), call.name(), openContent.toString()));
        } else if (open != null) {
            streamed.add(new Part.Text(openContent.toString()));
        }
        open = null;
        openContent = null;
    }

    /** Forgets what an attempt that did not reach the client copied: another deployment answers. */
    void reset() {
        whole = null;
        streamed = null;
        open = null;
        openContent = null;
        streamedChars = 0;
        finished = false;
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

    /** Whether the copy holds the whole answer: sent at once, or streamed to its end; never when too large. */
    public boolean complete() {
        return !tooLarge && (whole != null || finished);
    }

    /** A streamed answer's text blocks and tool calls, in order; empty for a whole one. */
    public List<Part> streamedAnswer() {
        return streamed == null ? List.of() : List.copyOf(streamed);
    }

    /** The plain text of a streamed answer ({@link PlainText}); empty for a whole one. */
    public String streamedText() {
        return PlainText.of(streamedAnswer());
    }
}
