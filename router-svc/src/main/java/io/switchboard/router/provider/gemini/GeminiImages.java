package io.switchboard.router.provider.gemini;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;

import io.switchboard.router.translate.Part;
import io.switchboard.router.translate.UntranslatableException;

/**
 * Writes images as Gemini parts: inline bytes (and {@code data:} URLs) as {@code inlineData}; {@code https:} and
 * {@code gs:} URLs as {@code fileData}, which Gemini fetches itself. Plain {@code http:} and other URLs are refused:
 * Gemini does not fetch them and the router fetches nothing on the request path.
 */
final class GeminiImages {

    private GeminiImages() {
    }

    static void write(JsonGenerator out, Part.Image image) throws IOException {
        if (image.base64() != null) {
            inline(out, image.mediaType() != null ? image.mediaType() : sniff(image.base64()), image.base64());
            return;
        }
        var url = image.url();
        if (url == null) {
            throw new UntranslatableException("an image with neither data nor URL", GeminiRequestEncoder.TARGET);
        }
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = url.indexOf(',');
            var header = comma < 0 ? "" : url.substring(5, comma);
            if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw new UntranslatableException("an image data URL that is not Base64", GeminiRequestEncoder.TARGET);
            }
            var data = url.substring(comma + 1);
            var mediaType = header.substring(0, header.length() - 7);
            inline(out, mediaType.isEmpty() ? sniff(data) : mediaType, data);
        } else if (url.regionMatches(true, 0, "https:", 0, 6) || url.regionMatches(true, 0, "gs:", 0, 3)) {
            out.writeStartObject();
            out.writeObjectFieldStart("fileData");
            out.writeStringField("mimeType", image.mediaType() != null ? image.mediaType() : byExtension(url));
            out.writeStringField("fileUri", url);
            out.writeEndObject();
            out.writeEndObject();
        } else {
            int colon = url.indexOf(':');
            var scheme = colon > 0 && colon < 12 ? url.substring(0, colon) : "none";
            throw new UntranslatableException(
                    "an image URL with scheme '" + scheme + "' (Gemini fetches only https: and gs:)",
                    GeminiRequestEncoder.TARGET);
        }
    }

    private static void inline(JsonGenerator out, String mediaType, String base64) throws IOException {
        out.writeStartObject();
        out.writeObjectFieldStart("inlineData");
        out.writeStringField("mimeType", mediaType);
        out.writeStringField("data", base64);
        out.writeEndObject();
        out.writeEndObject();
    }

    /** The type from the first bytes (Gemini requires one); JPEG when unknown, the commonest. */
    private static String sniff(String base64) {
        if (base64.startsWith("iVBORw0KGgo")) {
            return "image/png";
        }
        if (base64.startsWith("R0lGOD")) {
            return "image/gif";
        }
        if (base64.startsWith("UklGR")) {
            return "image/webp";
        }
        return "image/jpeg";
    }

    private static String byExtension(String url) {
        int end = url.length();
        int query = url.indexOf('?');
        end = query >= 0 ? query : end;
        int fragment = url.indexOf('#');
        end = fragment >= 0 && fragment < end ? fragment : end;
        int dot = url.lastIndexOf('.', end);
        var extension = dot < 0 || dot < url.lastIndexOf('/', end)
                ? ""
                : url.substring(dot + 1, end).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "heic" -> "image/heic";
            case "heif" -> "image/heif";
            default -> "image/jpeg";
        };
    }
}
