package io.switchboard.router.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** A provider of the routing file, checked and resolved: what an adapter needs to reach it. */
public sealed interface ProviderSettings {

    String name();

    /** The vendors reached over HTTP, by the {@code type} the routing file gives them. */
    enum Vendor {

        OPENAI("openai", "https://api.openai.com/v1"), OPENAI_COMPATIBLE("openai-compatible", null), AZURE("azure",
                null), ANTHROPIC("anthropic",
                        "https://api.anthropic.com"), GEMINI("gemini", "https://generativelanguage.googleapis.com");

        private final String type;
        private final String defaultBaseUrl;

        Vendor(String type, String defaultBaseUrl) {
            this.type = type;
            this.defaultBaseUrl = defaultBaseUrl;
        }

        public String type() {
            return type;
        }

        /** Where the vendor's public API lives; {@code null} when every installation has its own. */
        public String defaultBaseUrl() {
            return defaultBaseUrl;
        }

        public static Optional<Vendor> ofType(String type) {
            return Arrays.stream(values()).filter(v -> v.type.equals(type)).findFirst();
        }
    }

    /**
     * A provider over HTTP(S).
     *
     * @param apiVersion Azure's dated API version; {@code null} for its v1 API and for other vendors
     */
    record Http(String name, Vendor vendor, URI baseUrl, String apiVersion) implements ProviderSettings {
    }

    /**
     * The built-in simulated upstream: deterministic answers after {@code latency}, streamed one word per
     * {@code chunkInterval}, failing with a 503 at {@code failureRate}.
     *
     * @param task what it answers: {@code null} for filler words, or a task a small student can learn from it
     */
    record Simulated(String name, Duration latency, Duration chunkInterval, double failureRate, Task task)
            implements
                ProviderSettings {
    }

    /** Tasks the simulated provider performs as a teacher, by the name the routing file gives them. */
    enum Task {

        /** Labels a support ticket {@code billing}, {@code account}, {@code bug} or {@code shipping} by its words. */
        TICKETS("tickets"),

        /** The same labels by a hash of the ticket's text: nothing a student can learn from the words. */
        HASHED_TICKETS("hashed-tickets");

        private final String id;

        Task(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<Task> ofId(String id) {
            return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
        }
    }
}
