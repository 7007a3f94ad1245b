package io.switchboard.router.translate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A turn's or an answer's content as one plain text: its text parts, its tool calls as {@code name(arguments)}, the
 * text of its tool results, one per line; reasoning and images leave nothing.
 */
public final class PlainText {

    private PlainText() {
    }

    public static String of(List<? extends Part> parts) {
        return parts.stream().map(PlainText::of).filter(text -> !text.isEmpty()).collect(Collectors.joining("\n"));
    }

    private static String of(Part part) {
        if (part instanceof Part.Text text) {
            return text.text();
        }
        if (part instanceof Part.ToolCall call) {
            return call.name() + "(" + call.arguments() + ")";
        }
        return part instanceof Part.ToolResult result ? of(result.content()) : "";
    }
}
