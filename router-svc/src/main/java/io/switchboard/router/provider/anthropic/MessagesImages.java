package io.switchboard.router.provider.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.router.translate.Part;

/** Writes images as Anthropic sources: inline Base64 (also from {@code data:} URLs) or a URL. */
final class MessagesImages {

    private static final String DATA = "data:";
    private static final String BASE64 = ";base64,";

    private MessagesImages() {
    }

    static ObjectNode block(ObjectMapper json, Part.Image image) {
        var block = json.createObjectNode().put("type", "image");
        var source = block.putObject("source");
        if (image.base64() != null) {
            return inline(block, source, image.mediaType(), image.base64());
        }
        var url = image.url() == null ? "" : image.url();
        if (url.startsWith(DATA)) {
            // OpenAI clients send inline images as data URLs; Anthropic's url source fetches http(s) only.
            int marker = url.indexOf(BASE64);
            if (marker > 0) {
                return inline(block, source, url.substring(DATA.length(), marker),
                        url.substring(marker + BASE64.length()));
            }
        }
        source.put("type", "url").put("url", url);
        return block;
    }

    private static ObjectNode inline(ObjectNode block, ObjectNode source, String mediaType, String data) {
        source.put("type", "base64")
                .put("media_type", mediaType == null || mediaType.isEmpty() ? sniff(data) : mediaType)
                .put("data", data);
        return block;
    }

    /** Anthropic requires a media type; the first Base64 characters of the four formats it takes tell them apart. */
    static String sniff(String base64) {
        if (base64.startsWith("/9j/")) {
            return "image/jpeg";
        }
        if (base64.startsWith("R0lGOD")) {
            return "image/gif";
        }
        if (base64.startsWith("UklGR")) {
            return "image/webp";
        }
        return "image/png";
    }
}
