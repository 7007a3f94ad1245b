package io.switchboard.router.provider.openai;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Tokens;
import io.switchboard.router.translate.UsageReader;
import io.switchboard.router.translate.WireException;

/** Reads the usage of an OpenAI embeddings answer: its prompt tokens, the only ones embeddings count. */
public final class EmbeddingsUsage implements UsageReader {

    private final ObjectMapper json;

    public EmbeddingsUsage(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Tokens usage(byte[] body) {
        try {
            var usage = json.readTree(body).path("usage");
            return new Tokens(Math.max(0, usage.path("prompt_tokens").asLong(0)), 0, 0, 0, 0);
        } catch (IOException e) {
            throw new WireException("an embeddings answer that is not JSON");
        }
    }
}
