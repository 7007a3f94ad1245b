package io.switchboard.metering.budget;

import java.time.Clock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.switchboard.events.BudgetStanding;
import io.switchboard.events.Decision;
import io.switchboard.events.EventJson;
import io.switchboard.events.Money;
import io.switchboard.events.Topics;
import io.switchboard.metering.MeteringConfig;
import io.switchboard.runtime.kafka.GroupReader;
import io.switchboard.runtime.kafka.KafkaConnection;
import io.switchboard.runtime.notify.Webhook;

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
    private final GroupReader reader;

    BudgetNotifier(MeteringConfig config, MeterRegistry registry,
            KafkaConnection kafka) {
        this.config = config;
        this.registry = registry;
        this.reader = new GroupReader(kafka, "switchboard-metering-budget-notifier", Topics.DECISIONS,
                (subject, value) -> announce(EventJson.read(value, Decision.class)));
    }

    /** Whether the notifier's reader thread runs. */
    public boolean reading() {
        return reader.alive();
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
        var who = budget.who();
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
        reader.close();
    }
}
