package io.switchboard.breaker;

import java.util.HashMap;
import java.util.Map;

import io.switchboard.testing.FakeWebhook;
import io.switchboard.testing.KafkaBrokerResource;

/** A real broker with Switchboard's topics, a fake webhook, and rules small enough to cross in a test. */
public class BreakerTestResource extends KafkaBrokerResource {

    static FakeWebhook webhook;

    @Override
    public Map<String, String> start() {
        webhook = FakeWebhook.start();
        webhook.refuseNext(1);
        var config = new HashMap<>(super.start());
        config.put("switchboard.breaker.webhook.url", webhook.url());
        return config;
    }

    @Override
    public void stop() {
        webhook.close();
        super.stop();
    }
}
