package io.switchboard.router.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The ids this codec gives Gemini's function calls. The router keeps no state between requests and a client of
 * another API sends back only the call's id (never Gemini's thought signature), so the id carries the signature.
 *
 * <pre>
 * gemini_KEY                  no signature, e.g. gemini_3hK9aZ0qLm2
 * gemini_KEY_bSIGNATURE       the signature, standard Base64 turned into the URL alphabet, padding dropped
 * gemini_KEY_rTEXT            a signature that was not canonical Base64: Base64url of its text
 * </pre>
 *
 * KEY is Gemini's own call id when it has one made of letters, digits and dashes; else 11 letters and digits derived
 * from the response id and the call's position, so a stream and its replay issue the same ids. Every id matches
 * {@code ^[a-zA-Z0-9_-]+$}. KEY goes upstream as {@code functionCall.id} and {@code functionResponse.id}.
 */
final class GeminiCallIds {

    static final String PREFIX = "gemini_";

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int MAX_KEY = 64;

    private GeminiCallIds() {
    }

    /** What an id says: the key to send upstream and the thought signature to send back, if any. */
    record CallId(String key, String signature) {
    }

    /**
     * The id of a function call Gemini made.
     *
     * @param geminiId Gemini's {@code functionCall.id}, {@code null} when it gave none
     * @param responseId the id of the response the call came in
     * @param ordinal the call's position among the response's calls
     * @param signature the part's {@code thoughtSignature}, {@code null} when none
     */
    static String issue(String geminiId, String responseId, int ordinal, String signature) {
        var key = usableKey(geminiId) ? geminiId : derivedKey(responseId, ordinal);
        if (signature == null || signature.isEmpty()) {
            return PREFIX + key;
        }
        if (isCanonicalBase64(signature)) {
            return PREFIX + key + "_b" + toUrlAlphabet(signature);
        }
        return PREFIX + key + "_r"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads an id; one this codec did not issue is its own key and has no signature. */
    static CallId read(String id) {
        if (id == null || !id.startsWith(PREFIX) || id.length() == PREFIX.length()) {
            return new CallId(id, null);
        }
        int end = id.indexOf('_', PREFIX.length());
        if (end < 0) {
            return new CallId(id.substring(PREFIX.length()), null);
        }
        var key = id.substring(PREFIX.length(), end);
        if (end + 2 > id.length()) {
            return new CallId(key, null);
        }
        char form = id.charAt(end + 1);
        var encoded = id.substring(end + 2);
        if (encoded.isEmpty()) {
            return new CallId(key, null);
        }
        if (form == 'b') {
            return new CallId(key, fromUrlAlphabet(encoded));
        }
        if (form == 'r') {
            try {
                return new CallId(key, new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notOurs) {
                return new CallId(key, null);
            }
        }
        return new CallId(key, null);
    }

    /** The key alone, without decoding the signature: what a tool result needs. */
    static String key(String id) {
        if (id == null || !id.startsWith(PREFIX) || id.length() == PREFIX.length()) {
            return id;
        }
        int end = id.indexOf('_', PREFIX.length());
        return end < 0 ? id.substring(PREFIX.length()) : id.substring(PREFIX.length(), end);
    }

    private static boolean usableKey(String geminiId) {
        if (geminiId == null || geminiId.isEmpty() || geminiId.length() > MAX_KEY) {
            return false;
        }
        for (int i = 0; i < geminiId.length(); i++) {
            char c = geminiId.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String derivedKey(String responseId, int ordinal) {
        // FNV-1a over "responseId/ordinal", then a 64-bit finaliser; collisions only matter within one conversation
        long h = 0xcbf29ce484222325L;
        var seed = responseId + "/" + ordinal;
        for (int i = 0; i < seed.length(); i++) {
            h = (h ^ seed.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        var key = new char[11];
        for (int i = 0; i < key.length; i++) {
            key[i] = BASE62[(int) Long.remainderUnsigned(h, 62)];
            h = Long.divideUnsigned(h, 62);
        }
        return new String(key);
    }

    /** Canonical standard Base64 (what Gemini's JSON gives for bytes) survives the alphabet swap unchanged. */
    private static boolean isCanonicalBase64(String s) {
        int n = s.length();
        if (n % 4 != 0) {
            return false;
        }
        int padding = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
        for (int i = 0; i < n - padding; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static String toUrlAlphabet(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        var out = new char[end];
        for (int i = 0; i < end; i++) {
            char c = base64.charAt(i);
            out[i] = c == '+' ? '-' : c == '/' ? '_' : c;
        }
        return new String(out);
    }

    private static String fromUrlAlphabet(String url) {
        int n = url.length();
        var out = new char[(n + 3) / 4 * 4];
        for (int i = 0; i < n; i++) {
            char c = url.charAt(i);
            out[i] = c == '-' ? '+' : c == '_' ? '/' : c;
        }
        for (int i = n; i < out.length; i++) {
            out[i] = '=';
        }
        return new String(out);
    }
}
