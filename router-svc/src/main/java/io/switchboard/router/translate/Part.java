package io.switchboard.router.translate;

import java.util.List;

/** A piece of a turn or of an answer. */
public sealed interface Part {

    record Text(String text) implements Part {
    }

    /**
     * An image, either at a URL or inline.
     *
     * @param url the image's address ({@code null} when inline)
     * @param mediaType e.g. {@code image/png} ({@code null} when at a URL and unknown)
     * @param base64 the image's bytes, Base64-encoded ({@code null} when at a URL)
     */
    record Image(String url, String mediaType, String base64) implements Part {
    }

    /**
     * The model calling a function.
     *
     * @param id the call's id, issued by the provider that served the turn and sent back verbatim with the result
     * @param arguments the arguments as JSON text
     */
    record ToolCall(String id, String name, String arguments) implements Part {
    }

    /**
     * The result of a tool call, sent back by the client.
     *
     * @param content text and images
     */
    record ToolResult(String callId, List<Part> content, boolean error) implements Part {
    }

    /**
     * The model's reasoning, as far as the provider shows it.
     *
     * @param text the visible reasoning or its summary (may be empty)
     * @param signature the provider's opaque proof or encrypted form of it ({@code null} when none); only the API that
     *        issued it may receive it back
     * @param origin the API that produced it, one of the {@code io.switchboard.events.UsageEvent.Api} names or
     *        {@code "gemini"}: encoders send reasoning back only to the API it came from and drop it otherwise
     */
    record Reasoning(String text, String signature, String origin) implements Part {
    }
}
