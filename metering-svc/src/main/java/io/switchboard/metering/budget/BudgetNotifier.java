package io.switchboard.metering.budget;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.switchboard.events.BudgetStanding;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Money;
import io.switchboard.events.Topics;
import io.switchboard.events.notify.Webhook;
import io.switchboard.metering.MeteringConfig;

/**
 * Tells people when a budget crosses its soft or its hard amount: reads the decisions topic in one consumer group for
 * the whole service (each crossing is announced once however many instances run, and again only if an instance dies
 * between posting and committing), and posts Slack-compatible JSON to the budget's webhook or metering's. Crossings of
 * periods already over are not announced.
 */
@ApplicationScoped
@Startup
public class BudgetNotifier {

    private static final Logger LOGGER = Logger.getLogger(BudgetNotifier.class);

    private final MeteringConfig config;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private final Webhook webhook = Webhook.standard();
    private final ObjectMapper json = new ObjectMapper();
    private final KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    BudgetNotifier(MeteringConfig config, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String servers) {
        this.config = config;
        this.registry = registry;
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "switchboard-metering-budget-notifier");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        var thread = new Thread(this::run, "budget-notifier");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.DECISIONS));
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        announce(EventJson.read(record.value(), Decision.class));
                    }
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOGGER.errorf("budget notifications stopped: %s", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void announce(Decision decision) {
        if (!Decision.BUDGET.equals(decision.reason())) {
            return;
        }
        for (var standing : decision.budgets()) {
            if (!standing.crossed() || !clock.instant().isBefore(standing.resetsAt())) {
                continue;
            }
            var url = standing.budget().webhook().isEmpty()
                    ? config.budgetWebhook().orElse("")
                    : standing.budget().webhook();
            if (url.isEmpty()) {
                continue;
            }
            try {
                webhook.post(url, body(standing));
                registry.counter("switchboard.metering.budget.notifications", "result", "sent").increment();
            } catch (Exception e) {
                registry.counter("switchboard.metering.budget.notifications", "result", "failed").increment();
                LOGGER.errorf("budget notification not delivered after retries: budget=%s level=%s error=%s",
                        standing.budget().id(), standing.level(), e.toString());
            }
        }
    }

    /** Slack's incoming-webhook shape: {@code text} for any receiver, a {@code blocks} section for Slack. */
    String body(BudgetStanding standing) {
        var text = text(standing);
        var body = json.createObjectNode().put("text", text);
        body.putArray("blocks").addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", text);
        var detail = body.putObject("budget");
        detail.put("subject", standing.budget().subject()).put("period", standing.budget().period().label())
                .put("level", standing.level().name().toLowerCase()).put("spentMicros", standing.spentMicros())
                .put("resetsAt", standing.resetsAt().toString());
        return body.toString();
    }

    static String text(BudgetStanding standing) {
        var budget = standing.budget();
        var who = BudgetKeeper.who(budget.subject());
        if (standing.level() == BudgetStanding.Level.HARD) {
            return String.format(":no_entry: The %s budget of %s is spent: %s of %s. Its requests are refused "
                    + "until %s.", budget.period().adjective(), who, Money.cents(standing.spentMicros()),
                    Money.cents(budget.hardMicros()), standing.resetsAt());
        }
        return String.format(":warning: The %s budget of %s passed its soft amount of %s: %s spent%s; it resets "
                + "%s.", budget.period().adjective(), who, Money.cents(budget.softMicros()),
                Money.cents(standing.spentMicros()),
                budget.hardMicros() == null ? "" : " of " + Money.cents(budget.hardMicros()),
                standing.resetsAt());
    }

    @PreDestroy
    void stop() {
        running = false;
        consumer.wakeup();
    }
}
