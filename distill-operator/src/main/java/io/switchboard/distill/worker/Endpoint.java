package io.switchboard.distill.worker;

import java.net.URI;

/**
 * An OpenAI-compatible server the worker asks.
 *
 * @param name how messages name it, e.g. "the router"
 * @param base its URL without the {@code /v1} path
 * @param key the bearer key, or {@code null} for none
 * @param workload the {@code x-switchboard-workload} tag the router meters the requests as, or {@code null}
 */
record Endpoint(String name, URI base, String key, String workload) {

    URI resolve(String path) {
        return URI.create(base + path);
    }
}
