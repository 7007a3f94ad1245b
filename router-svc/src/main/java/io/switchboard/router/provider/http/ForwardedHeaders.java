package io.switchboard.router.provider.http;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.switchboard.router.provider.WireApi;
import io.vertx.core.MultiMap;
import io.vertx.core.http.RequestOptions;

/**
 * The client headers one provider gets: an allow-list, decided once per provider. {@code user-agent} goes to every
 * provider; the headers a vendor's API defines or its own clients send (session ids for prompt-cache affinity, client
 * and SDK versions, betas) go only to a provider of that vendor's family, where they mean something. Nothing else
 * passes: not the virtual key ({@code authorization}, {@code x-api-key}), not hop-by-hop or cookie headers, and not
 * the headers that pick the account the key bills ({@code openai-organization}, {@code openai-project},
 * {@code chatgpt-account-id}, {@code x-goog-user-project}): upstream the router's key is used, and a client must not
 * choose which of the platform's accounts pays. The README's pass-through section has the table.
 */
final class ForwardedHeaders {

    /** The router names itself here, leaving the client's {@code user-agent} as it was. */
    static final String ROUTER = "x-switchboard-router";

    /** The Stainless-generated SDKs' telemetry (language, OS, runtime, SDK version, retry count, timeout). */
    private static final String SDK_PREFIX = "x-stainless-";

    private static final Set<String> ANY_FAMILY = Set.of("user-agent");

    private static final Map<WireApi.Family, Set<String>> SAME_FAMILY = Map.of(
            // Codex: its session (session_id; session-id is read as well), turn, sub-agent kind and version.
            WireApi.Family.OPENAI, Set.of("openai-beta", "originator", "version", "session_id", "session-id",
                    "x-codex-turn-metadata", "x-openai-subagent", "x-client-request-id"),
            // Claude Code and the Anthropic SDKs. anthropic-dangerous-direct-browser-access stays: it concerns a
            // browser holding a key, and the router's key is never in one.
            WireApi.Family.ANTHROPIC, Set.of("anthropic-version", "anthropic-beta", "x-app",
                    "x-claude-code-session-id"),
            // No client speaks Gemini's API to the router, so none sends its headers.
            WireApi.Family.GEMINI, Set.of());

    private final WireApi.Family provider;
    private final Set<String> sameFamily;

    ForwardedHeaders(WireApi.Family provider) {
        this.provider = provider;
        var names = new HashSet<>(ANY_FAMILY);
        names.addAll(SAME_FAMILY.get(provider));
        this.sameFamily = Set.copyOf(names);
    }

    /** Adds the client's headers meant for this provider to the upstream request, values as sent. */
    void copy(WireApi clientApi, MultiMap client, RequestOptions upstream) {
        boolean sameFamily = clientApi.family() == provider;
        var allowed = sameFamily ? this.sameFamily : ANY_FAMILY;
        for (var header : client) {
            var name = header.getKey();
            if (allowed.contains(name.toLowerCase(Locale.ROOT))
                    || sameFamily && name.regionMatches(true, 0, SDK_PREFIX, 0, SDK_PREFIX.length())) {
                upstream.addHeader(name, header.getValue());
            }
        }
    }
}
