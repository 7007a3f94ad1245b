package io.switchboard.breaker.confirm;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.switchboard.breaker.config.BreakerConfig;
import io.switchboard.breaker.session.Questions;
import io.switchboard.events.Confirmation;
import io.switchboard.events.EventJson;
import io.switchboard.events.Money;
import io.switchboard.events.Topics;
import io.switchboard.runtime.kafka.GroupReader;
import io.switchboard.runtime.kafka.KafkaConnection;
import io.switchboard.runtime.notify.Webhook;

/**
 * Reads the confirmations topic (one consumer group for the whole service, so each step is handled once), counts
 * every step, and tells owners of their new questions through the webhook: Slack-compatible blocks by default, or
 * plain JSON.
 */
@ApplicationScoped
@Startup
public class Notifier {

    private static final Logger LOGGER = Logger.getLogger(Notifier.class);

    private final BreakerConfig config;
    private final Questions questions;
    private final Webhook webhook = Webhook.standard();
    private final MeterRegistry registry;
    private final ObjectMapper json = new ObjectMapper();
    private final GroupReader reader;

    Notifier(BreakerConfig config, Questions questions, MeterRegistry registry,
            KafkaConnection kafka) {
        this.config = config;
        this.questions = questions;
        this.registry = registry;
        this.reader = new GroupReader(kafka, "switchboard-breaker-notifier", Topics.CONFIRMATIONS,
                (session, value) -> handle(EventJson.read(value, Confirmation.class)));
    }

    /** Whether the notifier's reader thread runs. */
    public boolean reading() {
        return reader.alive();
    }

    private void handle(Confirmation step) {
        registry.counter("switchboard.breaker.confirmations", "kind", step.kind().name().toLowerCase()).increment();
        if (step.kind() != Confirmation.Kind.REQUESTED || config.webhook().url().isEmpty()) {
            return;
        }
        var link = questions.answerUrl(step.id(), step.sessionId(), step.userId(), step.time());
        try {
            webhook.post(config.webhook().url().get(), body(step, link));
            registry.counter("switchboard.breaker.notifications", "result", "sent").increment();
        } catch (Exception e) {
            registry.counter("switchboard.breaker.notifications", "result", "failed").increment();
            LOGGER.errorf("notification not delivered after retries: confirmationId=%s session=%s error=%s",
                    step.id(), step.sessionId(), e.toString());
        }
    }

    private String body(Confirmation q, String link) {
        var summary = String.format("Your %s session `%s` (%s) has %s: %d requests, %,d tokens, %s so far. Is it "
                + "still meant to run?", q.client(), q.sessionId(), String.join(", ", q.models()), q.detail(),
                q.requests(), q.tokens(), Money.dollars(q.costMicros()));
        if ("json".equals(config.webhook().format())) {
            ObjectNode body = json.valueToTree(EventJson.read(EventJson.write(q), Map.class));
            return body.put("summary", summary).put("continueUrl", link).put("stopUrl", link).toString();
        }
        var body = json.createObjectNode().put("text", summary + " Continue or stop: " + link);
        var blocks = body.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", summary);
        var actions = blocks.addObject().put("type", "actions").putArray("elements");
        for (var label : new String[]{"Continue", "Stop"}) {
            var button = actions.addObject().put("type", "button").put("url", link);
            button.putObject("text").put("type", "plain_text").put("text", label);
            if (label.equals("Stop")) {
                button.put("style", "danger");
            }
        }
        return body.toString();
    }

    @PreDestroy
    void stop() {
        reader.close();
    }
}
