package io.switchboard.router.decisions;

import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.switchboard.events.Decision;
import io.switchboard.router.RouterConfig;
import io.switchboard.router.RouterConfig.Decisions.UntilCaughtUp;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.routing.Caller;
import io.switchboard.runtime.kafka.DecisionFeed;
import io.switchboard.runtime.kafka.FeedProgress;
import io.switchboard.runtime.kafka.KafkaConnection;

/**
 * The whole decisions topic, in memory ({@link DecisionFeed}): enforcement is a map lookup, survives restarts and
 * reaches every replica as fast as a poll. Until the feed has caught up once, the decisions it lacks are not enforced:
 * {@link #withholdingHardBudgets()} says whether callers with a hard budget are refused meanwhile.
 */
@Singleton
@Startup
public class DecisionTable {

    private static final Logger LOGGER = Logger.getLogger(DecisionTable.class);

    private final DecisionFeed feed;
    private final boolean refuseHardBudgets;

    DecisionTable(KafkaConnection kafka, RouterConfig config,
            RouterMetrics metrics) {
        this.feed = new DecisionFeed(kafka, "router-decisions", DecisionTable::log);
        this.refuseHardBudgets = config.decisions().untilCaughtUp() == UntilCaughtUp.REFUSE_HARD_BUDGETS;
        metrics.feed("decisions", "decisions and budget standings", feed::status, feed.started());
    }

    /** Whether the feed reaches Kafka, has caught up once, and how far behind it is. */
    public FeedProgress.Status status() {
        return feed.status();
    }

    /** When the feed started: its staleness counts from here until Kafka first answers. */
    public Instant started() {
        return feed.started();
    }

    /**
     * Whether requests of callers with a hard budget are refused now: the feed has not caught up once, so their
     * standings (and blocks) may be missing, and {@code switchboard.router.decisions.until-caught-up} says to refuse.
     */
    public boolean withholdingHardBudgets() {
        return refuseHardBudgets && !feed.status().caughtUp();
    }

    /** A decision that refuses this caller's request now: of its session, its key, its user or its team. */
    public Optional<Decision> refusing(Caller caller, String session, Instant now) {
        if (feed.isEmpty()) {
            return Optional.empty();
        }
        for (var subject : new String[]{session.isEmpty() ? null : Decision.session(session),
                "key:" + caller.keyId(), "user:" + caller.user(), caller.team().isEmpty()
                        ? null
                        : "team:" + caller.team()}) {
            var decision = subject == null ? null : feed.get(subject);
            if (decision != null && decision.refuses(now)) {
                return Optional.of(decision);
            }
        }
        return Optional.empty();
    }

    /** The subject's decision, if any, whatever it says. */
    public Optional<Decision> of(String subject) {
        return Optional.ofNullable(feed.get(subject));
    }

    /** Logs what changes enforcement; budget standings that only move the spend are not news. */
    private static void log(String subject, Decision previous, Decision current) {
        if (current == null) {
            LOGGER.infof("decision cleared: subject=%s", subject);
        } else if (previous == null || previous.action() != current.action()) {
            LOGGER.infof("decision applied: subject=%s action=%s reason=%s", subject, current.action(),
                    current.reason());
        }
    }

    @PreDestroy
    void stop() {
        feed.close();
    }
}
