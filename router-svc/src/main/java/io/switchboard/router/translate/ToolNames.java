package io.switchboard.router.translate;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import io.switchboard.router.translate.Conversation.Namespaced;
import io.switchboard.router.translate.Conversation.ToolSpec;

/**
 * The names namespaced tools (OpenAI Responses {@code namespace} tools, e.g. Codex's {@code multi_agent_v1}) take in
 * APIs that have no namespaces: {@code <namespace>__<name>}, e.g. {@code multi_agent_v1__spawn_agent}. That form is
 * used when it is a valid name in every target API ({@code ^[a-zA-Z0-9_-]{1,64}$}: Anthropic allows 128 characters,
 * OpenAI and Gemini 64), when the namespace has no {@code __} of its own (so the split is unique) and when no other
 * tool of the request has that name; otherwise the name is cut to fit, its other characters replaced by {@code _},
 * and the CRC-32 of the pair appended. One instance serves one request: tools and the calls in its history get the
 * same names, and {@link #origin} maps the model's calls back.
 */
public final class ToolNames {

    private static final int MAX = 64;
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_-]{1," + MAX + "}");
    private static final String SEPARATOR = "__";

    private final Set<String> plain;

    /** @param plain the names of the request's tools that have no namespace */
    public ToolNames(Set<String> plain) {
        this.plain = new HashSet<>(plain);
    }

    /** The name the model knows the tool {@code name} of {@code namespace} by. */
    public String flat(String namespace, String name) {
        var joined = namespace + SEPARATOR + name;
        if (VALID.matcher(joined).matches() && !namespace.contains(SEPARATOR) && !plain.contains(joined)) {
            return joined;
        }
        var crc = new CRC32();
        crc.update((namespace + '\n' + name).getBytes(StandardCharsets.UTF_8));
        var suffix = "_" + Long.toHexString(crc.getValue());
        var cleaned = joined.replaceAll("[^a-zA-Z0-9_-]", "_");
        return cleaned.substring(0, Math.min(cleaned.length(), MAX - suffix.length())) + suffix;
    }

    /** The namespace and name the client gave the tool the model called {@code name}; {@code null} when none. */
    public static Namespaced origin(Conversation request, String name) {
        for (ToolSpec tool : request.tools()) {
            if (tool.namespaced() != null && tool.name().equals(name)) {
                return tool.namespaced();
            }
        }
        return null;
    }
}
