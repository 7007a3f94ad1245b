package io.switchboard.runtime.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Posts JSON notifications to a webhook (Slack's incoming webhooks, or any receiver of JSON), trying again with
 * exponential backoff and jitter while the receiver fails or cannot be reached. Blocking: call it off event loops.
 */
public final class Webhook {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int attempts;
    private final Duration firstDelay;
    private final Duration maxDelay;

    /**
     * @param attempts how many times a notification is tried in all
     * @param firstDelay the wait before the second try, doubled for each further one up to {@code maxDelay}
     */
    public Webhook(int attempts, Duration firstDelay, Duration maxDelay) {
        this.attempts = attempts;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    /** Six tries over about a minute. */
    public static Webhook standard() {
        return new Webhook(6, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** @throws IOException when the last try failed too */
    public void post(String url, String json) throws IOException, InterruptedException {
        var delay = firstDelay;
        for (int attempt = 1;; attempt++) {
            try {
                send(url, json);
                return;
            } catch (IOException e) {
                if (attempt >= attempts) {
                    throw e;
                }
            }
            Thread.sleep(delay.toMillis() + ThreadLocalRandom.current().nextLong(delay.toMillis() / 5 + 1));
            delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
        }
    }

    private void send(String url, String json) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered " + response.statusCode());
        }
    }
}
